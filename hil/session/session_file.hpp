#pragma once
// A recorded board session as a file (`ringside hil record` writes it, `ringside replay`
// reads it): JSON lines — a header (the scenario, the board, the device as configured), the
// steps played with their virtual times, then every SessionEvent in order. Secrets never
// reach the file: every token, code and password the world saw is replaced, wherever it
// appears (also form-encoded), by a stable placeholder (REDACTED01, keeping a prefix such as
// "Atza|"), so the replayed firmware gets the same placeholder back wherever it sent one and
// the session still compares event by event.
// Who may call: the record and replay commands, tests.
#include <cstdint>
#include <iosfwd>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "hil/session/session_event.hpp"

namespace ringside::hil {

struct RecordedStep {
    int number = 0, line = 0;
    std::string text;
    std::chrono::milliseconds started{0}, ended{0};
};

struct Recording {
    std::string scenario_file, scenario_name;
    std::uint64_t seed = 0;
    std::string board_id, firmware_version;
    // The device as the session configured it (what a replay builds).
    std::string issuer, client_id, scope, product_id, serial_number, dialect = "rfc8628";
    std::int64_t rtc_unix = 0;
    std::chrono::milliseconds end{0};
    std::vector<RecordedStep> steps;
    std::vector<SessionEvent> events;
};

// A file that is not a recording: the message names the file, the line and what was expected.
struct RecordingError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void write_recording(std::ostream& out, const Recording& recording, const std::set<std::string>& secrets);
Recording read_recording(const std::string& path);
// The same from a stream; `path` names it in errors. (The fuzzer's way in.)
Recording read_recording(std::istream& in, const std::string& path);

} // namespace ringside::hil
