#include "cloud/faults/answer_shape.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {

bool is_json_value(const std::string& text) { return nlohmann::json::accept(text); }

std::string reshape_json_object(const std::string& body, const AnswerShape& shape) {
    if (shape.empty()) return body;
    // ordered_json keeps the service's member order; values not set are written back as
    // parsed (the service's own bodies are plain enough to survive that unchanged).
    const auto parsed = nlohmann::ordered_json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return body;

    const auto omitted = [&](const std::string& key) {
        return std::find(shape.omit.begin(), shape.omit.end(), key) != shape.omit.end();
    };
    const auto set_value = [&](const std::string& key) -> const std::string* {
        for (const auto& [name, value] : shape.set)
            if (name == key) return &value;
        return nullptr;
    };
    std::string out = "{";
    const auto member = [&](const std::string& key, const std::string& json) {
        if (out.size() > 1) out.push_back(',');
        out += json_quote(key) + ":" + json;
    };
    for (const auto& [key, value] : parsed.items()) {
        if (omitted(key)) continue;
        const std::string* set = set_value(key);
        member(key, set ? *set : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    for (const auto& [key, value] : shape.set)
        if (!parsed.contains(key) && !omitted(key)) member(key, value);
    out.push_back('}');
    return out;
}

} // namespace ringside::cloud
