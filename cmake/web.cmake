# The browser app (Emscripten only; included by CMakeLists.txt when EMSCRIPTEN).
#   build/web/site/   index.html (our shell) + pitfall_lab.js + pitfall_lab.wasm   (hosted, streaming compile)
#   build/web/single/ pitfall_lab.js with the wasm inlined (-sSINGLE_FILE=1), which
#                     tools/pack.mjs inlines into one index.html that works from file://
# Both executables link the same objects: Dear ImGui 1.86 (sources from IMGUI_DIR,
# never committed), the web/ sources, and pitfall_engine.

if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp" OR NOT EXISTS "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  message(FATAL_ERROR "Dear ImGui 1.86 sources not found in IMGUI_DIR='${IMGUI_DIR}': run ./tools/lab setup")
endif()

# ---- Dear ImGui: core + GLFW platform backend + OpenGL ES 3 (WebGL 2) renderer; not our code, no -Werror ----
add_library(imgui_web STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
    ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp
    ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui_web SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends ${IMGUI_DIR}/misc/cpp)
# WebGL 2 = GLES 3 ("#version 300 es"); 1.86 would otherwise pick GLES 2 on Emscripten.
target_compile_definitions(imgui_web PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui_web PRIVATE -w -O2)

# ---- our web sources, compiled once, linked twice ----
file(GLOB_RECURSE PITFALL_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*.cpp)
add_library(pitfall_web_objs OBJECT ${PITFALL_WEB_SOURCES})
target_include_directories(pitfall_web_objs PRIVATE ${CMAKE_SOURCE_DIR}/web)
target_link_libraries(pitfall_web_objs PUBLIC imgui_web pitfall_engine)
target_compile_options(pitfall_web_objs PRIVATE ${PITFALL_WARNINGS} -O2)

# Wire the simulator into the app once the engine implements it (the header may
# land before its implementation; CONFIGURE_DEPENDS globs re-run this check).
file(GLOB_RECURSE PITFALL_SIM_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/engine/sim/*.cpp)
set(PITFALL_WEB_HAS_SIM OFF)
foreach(f IN LISTS PITFALL_SIM_SOURCES)
  file(STRINGS "${f}" hit REGEX "Simulation::step")
  if(hit)
    set(PITFALL_WEB_HAS_SIM ON)
  endif()
endforeach()
if(PITFALL_WEB_HAS_SIM)
  target_compile_definitions(pitfall_web_objs PRIVATE PITFALL_WEB_HAS_SIM)
else()
  # Until then the app uses only the detectors: leave the simulator's partial
  # sources out of this build so they cannot break it.
  get_target_property(engine_sources pitfall_engine SOURCES)
  list(FILTER engine_sources EXCLUDE REGEX "/engine/sim/")
  set_property(TARGET pitfall_engine PROPERTY SOURCES ${engine_sources})
endif()
message(STATUS "web app: simulator ${PITFALL_WEB_HAS_SIM}")

# The UI font: DejaVu Sans Mono from Debian's fonts-dejavu-core, embedded in the
# virtual file system at link time (never committed); ProggyClean if absent.
set(PITFALL_WEB_FONT_TTF "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf" CACHE FILEPATH "TTF font for the web UI")
set(PITFALL_WEB_FONT_LINK "")
if(EXISTS "${PITFALL_WEB_FONT_TTF}")
  target_compile_definitions(pitfall_web_objs PRIVATE PITFALL_WEB_FONT="/fonts/ui.ttf")
  set(PITFALL_WEB_FONT_LINK "--embed-file" "${PITFALL_WEB_FONT_TTF}@/fonts/ui.ttf")
else()
  message(WARNING "${PITFALL_WEB_FONT_TTF} not found: the web UI uses ImGui's built-in font")
endif()

set(PITFALL_WEB_EXPORTS
    "['_main','_malloc','_free','_pl_set_code','_pl_get_code','_pl_state_json','_pl_set_options',\
'_pl_rendered_frames','_pl_frame_ms','_pl_layout_json','_pl_is_idle','_pl_has_simulator','_pl_platform_paste','_pl_platform_copy']")
set(PITFALL_WEB_LINK_FLAGS
    -O2 -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1
    -sENVIRONMENT=web -sEXIT_RUNTIME=0
    "-sEXPORTED_FUNCTIONS=${PITFALL_WEB_EXPORTS}"
    "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
    --post-js ${CMAKE_SOURCE_DIR}/web/shell/pitfall_api.js
    ${PITFALL_WEB_FONT_LINK})

function(pitfall_web_executable target out_dir)
  add_executable(${target} $<TARGET_OBJECTS:pitfall_web_objs>)
  target_link_libraries(${target} PRIVATE imgui_web pitfall_engine)
  target_link_options(${target} PRIVATE ${PITFALL_WEB_LINK_FLAGS} ${ARGN})
  set_target_properties(${target} PROPERTIES
      OUTPUT_NAME pitfall_lab SUFFIX ".js"
      RUNTIME_OUTPUT_DIRECTORY ${out_dir}
      LINK_DEPENDS "${CMAKE_SOURCE_DIR}/web/shell/pitfall_api.js")
endfunction()

pitfall_web_executable(pitfall_lab ${CMAKE_BINARY_DIR}/site)
pitfall_web_executable(pitfall_lab_single ${CMAKE_BINARY_DIR}/single -sSINGLE_FILE=1)

# Our HTML shell next to the hosted build (copied on every build; cheap).
add_custom_target(pitfall_lab_shell ALL
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/site
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/shell/index.html
            ${CMAKE_BINARY_DIR}/site/index.html
    COMMENT "Copying the web shell to build/web/site")
add_dependencies(pitfall_lab pitfall_lab_shell)
