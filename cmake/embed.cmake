# Data compiled into the engine (cost tables, lessons, rule queries, the grammar's
# highlight query), so the web bundle needs no file system and works from file://.
# Read at run time through engine/base/embedded.h.
function(pitfall_embed_files out_var out_file)
  file(GLOB_RECURSE inputs CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/engine/sim/costs/*.json
       ${CMAKE_SOURCE_DIR}/engine/queries/*.scm
       ${CMAKE_SOURCE_DIR}/lessons/*)
  list(APPEND inputs ${PITFALL_NODE_MODULES}/tree-sitter-python/queries/highlights.scm)
  # ';' would split the -D argument on the command line: pass the list with '|'
  string(REPLACE ";" "|" inputs_arg "${inputs}")
  add_custom_command(
    OUTPUT ${out_file}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_file} -DROOT=${CMAKE_SOURCE_DIR}
            -DNODE_MODULES=${PITFALL_NODE_MODULES} "-DINPUTS=${inputs_arg}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${CMAKE_CURRENT_LIST_DIR} data files"
    VERBATIM)
  set(${out_var} ${out_file} PARENT_SCOPE)
endfunction()
