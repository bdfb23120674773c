# Fails when a file outside sim/demo includes SDL, SDL_ttf or libpng (DESIGN.md §2: SDL only
# in sim/demo; the rest of the project sees its SDL-free headers).
# Usage: cmake -DROOT=<repo> -P check_sdl_includes.cmake
set(bad "")
foreach(dir firmware sim hil runner reports cli tests bench)
  file(GLOB_RECURSE files "${ROOT}/${dir}/*.hpp" "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.h")
  foreach(f ${files})
    # The window's input tests make SDL events as SDL delivers them: tests of sim/demo, not users.
    if(f MATCHES "^${ROOT}/sim/demo/" OR f MATCHES "^${ROOT}/tests/demo_window/")
      continue()
    endif()
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](SDL|png\\.h|pngconf\\.h)")
    foreach(line ${lines})
      list(APPEND bad "${f}: ${line}")
    endforeach()
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n" msg "${bad}")
  message(FATAL_ERROR "SDL or libpng included outside sim/demo:\n${msg}")
endif()
message(STATUS "SDL and libpng stay in sim/demo")
