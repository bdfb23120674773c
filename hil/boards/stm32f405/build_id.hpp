#pragma once
// This image's GNU build-id (the linker's -Wl,--build-id note, kept in flash by
// stm32f405.ld) as lower-case hex: the build HelloAck names, and what
// `arm-none-eabi-readelf -n ringside-stm32f405.elf` prints for the same file, so the host
// can tell exactly which build a board runs. "none" when the image was linked without one.
// Who may call: anyone, after start-up (the text is made on first use, then kept).
#include <string_view>

namespace ringside::stm32f405 {

std::string_view build_id();

} // namespace ringside::stm32f405
