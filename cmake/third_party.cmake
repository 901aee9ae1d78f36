# Third-party code, never committed: tree-sitter runtime + Python grammar come from
# npm (tools/lab setup runs `npm ci --ignore-scripts`), nlohmann_json and Catch2 from Debian.
set(TS_RUNTIME "${PITFALL_NODE_MODULES}/tree-sitter/vendor/tree-sitter/lib")
set(TS_PYTHON "${PITFALL_NODE_MODULES}/tree-sitter-python")
if(NOT EXISTS "${TS_RUNTIME}/src/lib.c" OR NOT EXISTS "${TS_PYTHON}/src/parser.c")
  message(FATAL_ERROR "tree-sitter sources missing under ${PITFALL_NODE_MODULES}: run ./tools/lab setup")
endif()
# tree-sitter's sources are compiled unchanged, through files of ours that
# include them: engine/syntax/tree_sitter_runtime.c (the runtime, as its lib.c,
# plus fast paths: the lexer's, a single-path pop of the parse stack, new nodes,
# stack pushes, inline reference counts),
# engine/syntax/python_parser.c (the generated parser, its lexer calling the
# lexer's fast paths inline: engine/syntax/ts_lexer_fast.h),
# engine/syntax/python_scanner.c (the grammar's external scanner behind shims);
# engine/syntax/python_language.c gives the parser the grammar with dense parse tables.
# engine/syntax/named_nodes.c reads tree-sitter's subtrees directly (a fast
# walk for the lint index). They need tree-sitter's private headers.
add_library(tree_sitter_python STATIC
    ${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/tree_sitter_runtime.c
    ${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/python_parser.c
    ${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/python_scanner.c
    ${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/python_language.c
    ${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/named_nodes.c)
# (the runtime's src/ has a parser.c of its own: the grammar's is named by path)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/../engine/syntax/python_parser.c PROPERTIES
    COMPILE_DEFINITIONS PITFALL_TS_PYTHON_PARSER_C="${TS_PYTHON}/src/parser.c")
target_include_directories(tree_sitter_python PUBLIC ${TS_RUNTIME}/include PRIVATE ${TS_RUNTIME}/src ${TS_PYTHON}/src)
set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_python PRIVATE -w -O3)
target_compile_definitions(tree_sitter_python PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)

find_package(nlohmann_json 3 QUIET)
if(NOT nlohmann_json_FOUND)
  # Emscripten's sysroot does not see /usr/include: copy Debian's header-only
  # nlohmann_json into the build tree (never into the repository).
  if(NOT EXISTS /usr/include/nlohmann/json.hpp)
    message(FATAL_ERROR "nlohmann/json.hpp missing: run ./tools/lab setup (nlohmann-json3-dev)")
  endif()
  file(COPY /usr/include/nlohmann DESTINATION ${CMAKE_BINARY_DIR}/third_party/include)
  add_library(nlohmann_json INTERFACE)
  add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)
  target_include_directories(nlohmann_json SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/third_party/include)
endif()
