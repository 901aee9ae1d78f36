# zlib for the engine's zlib module (engine/sim/modules/zlib_module.cpp), never
# committed: natively the system's (Debian zlib1g-dev, installed by
# tools/lab setup); in the web build zlib's own C sources, from Debian's source
# package (`apt-get source zlib`, fetched by tools/lab setup into
# build/third_party/zlib, or ZLIB_SRC_DIR), compiled here (Emscripten's zlib
# port would be downloaded).
if(EMSCRIPTEN)
  set(ZLIB_SRC_DIR "$ENV{ZLIB_SRC_DIR}" CACHE PATH "zlib sources (default: fetched by tools/lab setup)")
  if(NOT ZLIB_SRC_DIR)
    set(ZLIB_SRC_DIR "${CMAKE_SOURCE_DIR}/build/third_party/zlib")
  endif()
  if(NOT EXISTS "${ZLIB_SRC_DIR}/deflate.c" OR NOT EXISTS "${ZLIB_SRC_DIR}/zlib.h")
    message(FATAL_ERROR "zlib sources not found in ZLIB_SRC_DIR='${ZLIB_SRC_DIR}': run ./tools/lab setup")
  endif()
  set(PITFALL_ZLIB_FILES adler32.c compress.c crc32.c deflate.c infback.c inffast.c inflate.c
      inftrees.c trees.c uncompr.c zutil.c)
  list(TRANSFORM PITFALL_ZLIB_FILES PREPEND "${ZLIB_SRC_DIR}/")
  add_library(zlib_web STATIC ${PITFALL_ZLIB_FILES})
  target_include_directories(zlib_web SYSTEM PUBLIC ${ZLIB_SRC_DIR})
  target_compile_options(zlib_web PRIVATE -w -O2)
  target_compile_definitions(zlib_web PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)
  target_link_libraries(pitfall_engine PUBLIC zlib_web)
else()
  find_package(ZLIB REQUIRED)
  target_link_libraries(pitfall_engine PUBLIC ZLIB::ZLIB)
endif()
