# Compiles every source of the portable board kit (hil/boards/common) for the STM32F405's
# Cortex-M4F with the cross compiler, as a bare-metal port builds it: no exceptions, no RTTI,
# warnings as errors. Objects only (the port owns start-up, the linker script and libc), so
# this proves the kit and the headers it pulls in are portable, not that a board links.
# Usage: cmake -DROOT=<repo> -DCXX=<arm-none-eabi-g++> -DOUT=<dir> [-DDIR=common]
#        -P compile_board_kit_for_arm.cmake          (default DIR: hil/boards/common)
if(NOT DIR)
  set(DIR hil/boards/common)
endif()
file(GLOB sources "${ROOT}/${DIR}/*.cpp")
file(MAKE_DIRECTORY "${OUT}")
set(flags -std=c++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -fno-exceptions -fno-rtti
          -Wall -Wextra -Werror -I${ROOT})
set(failed "")
foreach(source ${sources})
  get_filename_component(name "${source}" NAME_WE)
  execute_process(COMMAND "${CXX}" ${flags} -c "${source}" -o "${OUT}/${name}.o"
                  RESULT_VARIABLE result ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    list(APPEND failed "${source}:\n${errors}")
  endif()
endforeach()
if(failed)
  string(REPLACE ";" "\n" msg "${failed}")
  message(FATAL_ERROR "${DIR}/ does not compile for the Cortex-M4:\n${msg}")
endif()
list(LENGTH sources n)
if(n EQUAL 0)
  message(FATAL_ERROR "no sources in ${ROOT}/${DIR}")
endif()
message(STATUS "${DIR}/ compiles for the Cortex-M4 (${n} sources)")
