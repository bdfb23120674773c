# Cross toolchain for the board images (hil/boards/): Debian's arm-none-eabi g++ (12.2) with
# newlib-nano, for a Cortex-M4F such as the STM32F405. scripts/build-board uses it:
#   cmake -S . -B build-board -G Ninja --toolchain cmake/arm-none-eabi.cmake
# The host build never sees this file; CMakeLists.txt adds only firmware/, the portable HIL
# libraries and hil/boards/ when it is in use.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "objcopy for the board images")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "size for the board images")

# A bare-metal program cannot link without a board's linker script: CMake's compiler checks
# build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Cortex-M4 with its single-precision FPU, hard-float calling convention (the board's
# start-up code turns the FPU on before any float instruction can run).
set(RINGSIDE_ARM_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")

# Every translation unit, firmware/ included: no exceptions, no RTTI (firmware/ promises
# neither), one section per function and object so the linker drops what nothing uses, and
# newlib-nano's headers. No thread-safe statics: the board has one thread, and guards would
# pull in libstdc++'s locking.
set(CMAKE_C_FLAGS_INIT "${RINGSIDE_ARM_CPU_FLAGS} -ffunction-sections -fdata-sections --specs=nano.specs")
set(CMAKE_CXX_FLAGS_INIT
    "${RINGSIDE_ARM_CPU_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -ffunction-sections -fdata-sections --specs=nano.specs")
# Size first (MinSizeRel adds -Os -DNDEBUG). Debug info costs no flash: it stays in the ELF,
# for addr2line on the addresses a Fault names.
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-g")
set(CMAKE_CXX_FLAGS_MINSIZEREL_INIT "-g")

# Linking (the compile flags above come along: the CPU and newlib-nano's specs): no C start
# files (the board's start-up code is the entry), unused sections dropped, a GNU build-id
# (the board reports it in HelloAck) and a map file next to every image
# (bench/board_memory reads it: flash and RAM per module).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections -Wl,--build-id")
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_CXX_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> -Wl,-Map=<TARGET>.map <LINK_LIBRARIES>")

# Headers and libraries come from the cross toolchain only; programs (objcopy, QEMU) from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
