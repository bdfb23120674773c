#pragma once
// Reshapes a JSON answer's members for a fault's `omit` and `set`: what real servers send
// and this one would not (a device authorization answer without `interval`, `expires_in` as
// a string, a number no client can hold). The answer is parsed with nlohmann-json; the
// values set are written as given, byte for byte (1e400 and -9223372036854775808 too). Member
// order is kept; a member set that was not there is appended. A body that is not a JSON
// object is left as it is.
// Who may call: the fault table's shape(); the scenario loader and the admin API (checks).
#include <string>
#include <utility>
#include <vector>

namespace ringside::cloud {

// `set`: (member, JSON value text), applied in order (a later one for the same member wins).
void reshape_json_answer(std::string& body, const std::vector<std::string>& omit,
                         const std::vector<std::pair<std::string, std::string>>& set);

// Whether `text` is one JSON value (RFC 8259), numbers of any size included.
bool is_json_value(const std::string& text);

} // namespace ringside::cloud
