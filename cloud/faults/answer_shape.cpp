#include "cloud/faults/answer_shape.hpp"

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

namespace ringside::cloud {
namespace {

using Json = nlohmann::ordered_json;  // members stay where the service put them

const std::string* value_set_for(const std::string& key, const std::vector<std::pair<std::string, std::string>>& set) {
    const std::string* value = nullptr;
    for (const auto& [member, text] : set)
        if (member == key) value = &text;  // the last one wins
    return value;
}

} // namespace

void reshape_json_answer(std::string& body, const std::vector<std::string>& omit,
                         const std::vector<std::pair<std::string, std::string>>& set) {
    const Json answer = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!answer.is_object()) return;
    const auto omitted = [&](const std::string& key) { return std::find(omit.begin(), omit.end(), key) != omit.end(); };
    std::string out = "{";
    const auto member = [&](const std::string& key, const std::string& value) {
        out += (out.size() > 1 ? "," : "") + Json(key).dump() + ":" + value;
    };
    for (const auto& [key, value] : answer.items()) {
        if (omitted(key)) continue;
        const std::string* given = value_set_for(key, set);
        member(key, given ? *given : value.dump());
    }
    for (const auto& [key, text] : set)
        if (!answer.contains(key) && !omitted(key) && value_set_for(key, set) == &text) member(key, text);
    body = out + "}";
}

bool is_json_value(const std::string& text) {
    // nlohmann-json refuses numbers a double cannot hold; JSON's grammar does not.
    static const std::regex number(R"(\s*-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*)");
    return Json::accept(text) || std::regex_match(text, number);
}

} // namespace ringside::cloud
