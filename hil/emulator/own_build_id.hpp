#pragma once
// The running executable's GNU build-id (the .note.gnu.build-id the linker wrote), as lower
// hex: what the emulator announces as its build in HelloAck, as a board image announces its
// own. Empty when the executable has none (linked with --build-id=none).
// Who may call: anyone on the host; reads the loaded program headers, no file access.
#include <string>

namespace ringside::hil {

std::string own_build_id();

} // namespace ringside::hil
