// sizeof, as the target compiler lays the types out, for bench/board_memory: each probe is a
// zero-filled object exactly as large as its type, in a section (.bss.ringside_sizeof.*)
// that stm32f405.ld collects into an INFO section: no flash, no RAM, but the map lists it
// with its size. Whether or not the image links the type, its size on the MCU is known.
#include "firmware/speaker.hpp"
#include "hil/agent/board_agent.hpp"
#include "hil/boards/common/kit_board.hpp"
#include "hil/boards/common/kit_microphone.hpp"
#include "hil/boards/stm32f405/f405_port.hpp"

#define RINGSIDE_PROBE_NAME2(a, b) a##b
#define RINGSIDE_PROBE_NAME(a, b) RINGSIDE_PROBE_NAME2(a, b)
#define RINGSIDE_SIZEOF(label, type)                                                                \
    __attribute__((section(".bss.ringside_sizeof." label), used)) static char RINGSIDE_PROBE_NAME( \
        sizeof_probe_, __LINE__)[sizeof(type)];

RINGSIDE_SIZEOF("fw::Speaker", ringside::fw::Speaker)
RINGSIDE_SIZEOF("hil::BoardAgent", ringside::hil::BoardAgent)
RINGSIDE_SIZEOF("kit::KitBoard", ringside::kit::KitBoard)
RINGSIDE_SIZEOF("kit::KitMicrophone", ringside::kit::KitMicrophone)
RINGSIDE_SIZEOF("stm32f405::F405Port", ringside::stm32f405::F405Port)
