// `ringside replay`'s reader of recorded sessions on any bytes: a RecordingError naming the
// line, or a recording — never a crash or another exception.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "hil/session/session_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        (void)ringside::hil::read_recording(in, "fuzz.jsonl");
    } catch (const ringside::hil::RecordingError&) {
    }
    return 0;
}
