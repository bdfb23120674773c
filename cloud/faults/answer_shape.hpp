#pragma once
// Shaped answers: a fault that edits the JSON object of an answer rather than replacing it,
// as real servers differ from the RFCs' examples (no `interval` in a device authorization
// answer, `expires_in` as a string, a hostile number). Only top-level members are edited.
// Who may call: the fault table (faults.cpp) and tests.
#include <string>
#include <utility>
#include <vector>

namespace ringside::cloud {

struct AnswerShape {
    std::vector<std::string> omit;                          // members removed
    std::vector<std::pair<std::string, std::string>> set;   // member -> exact JSON text
    bool empty() const { return omit.empty() && set.empty(); }
};

// `body` with the shape applied: each `omit` member removed; each `set` member given its
// JSON text exactly as written (digits, quotes and all) in place, or appended when the
// answer has no such member. A body that is not a JSON object is returned unchanged (an
// error page stays an error page). Members keep their order.
std::string reshape_json_object(const std::string& body, const AnswerShape& shape);

// True when `text` is one JSON value (what a `set` member may hold).
bool is_json_value(const std::string& text);

} // namespace ringside::cloud
