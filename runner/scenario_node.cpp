#include "runner/scenario_node.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <regex>
#include <set>

#include "runner/scenario_error.hpp"

namespace ringside::runner {

struct ScenarioNode::Impl {
    YAML::Node node;
    std::shared_ptr<const std::string> file;
    std::string context;
    std::set<std::string> allowed;
};

namespace {
ScenarioNode child(const ScenarioNode::Impl& parent, YAML::Node node, std::string context) {
    return ScenarioNode(std::make_shared<ScenarioNode::Impl>(ScenarioNode::Impl{std::move(node), parent.file, std::move(context), {}}));
}

// A mapping key as text. YAML allows any node as a key (`{[a]: 1}`, `? [steps]`), which
// yaml-cpp cannot convert to a string (it throws); a scenario's keys are plain names, so
// anything else is refused at the key's own file:line.
std::string key_text(const ScenarioNode::Impl& parent, const YAML::Node& key) {
    if (!key.IsScalar())
        throw ScenarioError({*parent.file, key.Mark().line + 1},
                            "a key in " + parent.context + " must be a plain name, not a list, a mapping or empty");
    return key.Scalar();
}
} // namespace

ScenarioNode::ScenarioNode(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScenarioNode::~ScenarioNode() = default;
ScenarioNode::ScenarioNode(const ScenarioNode&) = default;
ScenarioNode& ScenarioNode::operator=(const ScenarioNode&) = default;

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

SourceLocation ScenarioNode::where() const { return {*impl_->file, impl_->node.Mark().line + 1}; }
const std::string& ScenarioNode::context() const { return impl_->context; }
void ScenarioNode::fail(const std::string& message) const { throw ScenarioError(where(), message); }

bool ScenarioNode::is_map() const { return impl_->node.IsMap(); }
bool ScenarioNode::is_scalar() const { return impl_->node.IsScalar() || impl_->node.IsNull(); }
bool ScenarioNode::is_sequence() const { return impl_->node.IsSequence(); }

std::optional<ScenarioNode> ScenarioNode::get(const std::string& key) {
    if (!impl_->node.IsMap()) fail(impl_->context + " must be a mapping of keys to values");
    impl_->allowed.insert(key);
    YAML::Node value = impl_->node[key];
    if (!value.IsDefined() || value.IsNull()) return std::nullopt;
    return child(*impl_, value, impl_->context + "." + key);
}

bool ScenarioNode::has(const std::string& key) const {
    if (!impl_->node.IsMap()) return false;
    const YAML::Node value = impl_->node[key];
    return value.IsDefined();
}

ScenarioNode ScenarioNode::require(const std::string& key) {
    auto value = get(key);
    if (!value) fail("missing required field '" + key + "' in " + impl_->context);
    return *value;
}

void ScenarioNode::done() const {
    for (const auto& kv : impl_->node) {
        const std::string key = key_text(*impl_, kv.first);
        if (impl_->allowed.count(key)) continue;
        std::vector<std::string> known(impl_->allowed.begin(), impl_->allowed.end());
        child(*impl_, kv.first, impl_->context)
            .fail("unknown key '" + key + "' in " + impl_->context + "; expected one of: " + join(known));
    }
}

std::vector<std::string> ScenarioNode::keys_read() const { return {impl_->allowed.begin(), impl_->allowed.end()}; }

namespace {

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", u);
            out += esc;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

bool json_literal(const std::string& text) {
    static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    return text == "true" || text == "false" || text == "null" || std::regex_match(text, number);
}

std::string json_of(const YAML::Node& node) {
    if (node.IsNull()) return "null";
    if (node.IsScalar()) {
        const bool quoted = node.Tag() == "!";
        return !quoted && json_literal(node.Scalar()) ? node.Scalar() : json_string(node.Scalar());
    }
    std::string out;
    if (node.IsSequence()) {
        for (const YAML::Node& item : node) out += (out.empty() ? "" : ",") + json_of(item);
        return "[" + out + "]";
    }
    for (const auto& kv : node) out += (out.empty() ? "" : ",") + json_string(kv.first.Scalar()) + ":" + json_of(kv.second);
    return "{" + out + "}";
}

} // namespace

std::string ScenarioNode::json() const { return json_of(impl_->node); }

std::string ScenarioNode::str() const {
    if (impl_->node.IsNull()) return "";
    if (!impl_->node.IsScalar()) fail(impl_->context + " must be a single value, not a list or mapping");
    return impl_->node.Scalar();
}

long long ScenarioNode::integer(long long min, long long max) const {
    const std::string s = str();
    long long v = 0;
    std::size_t used = 0;
    bool ok = !s.empty();
    try {
        v = std::stoll(s, &used);
    } catch (...) {
        ok = false;
    }
    if (!ok || used != s.size() || v < min || v > max)
        fail("bad number '" + s + "' for " + impl_->context + "; expected a whole number from " + std::to_string(min) +
             " to " + std::to_string(max));
    return v;
}

bool ScenarioNode::boolean() const {
    const std::string s = str();
    if (s == "true") return true;
    if (s == "false") return false;
    fail("bad value '" + s + "' for " + impl_->context + "; expected true or false");
}

Millis ScenarioNode::duration() const {
    const std::string s = str();
    auto d = parse_duration(s);
    if (!d) fail("bad duration '" + s + "' for " + impl_->context + "; expected a duration like 500ms, 5s, 2m, 24h or 1h30m");
    return *d;
}

std::vector<ScenarioNode> ScenarioNode::items() const {
    if (!impl_->node.IsSequence()) fail(impl_->context + " must be a list");
    std::vector<ScenarioNode> out;
    for (std::size_t i = 0; i < impl_->node.size(); ++i)
        out.push_back(child(*impl_, impl_->node[i], impl_->context + "[" + std::to_string(i) + "]"));
    return out;
}

std::vector<std::pair<std::string, ScenarioNode>> ScenarioNode::entries() const {
    if (!impl_->node.IsMap()) fail(impl_->context + " must be a mapping");
    std::vector<std::pair<std::string, ScenarioNode>> out;
    for (const auto& kv : impl_->node) {
        std::string key = key_text(*impl_, kv.first);
        out.emplace_back(key, child(*impl_, kv.second, impl_->context + "." + key));
    }
    return out;
}

std::pair<std::string, ScenarioNode> ScenarioNode::single_entry() const {
    if (!impl_->node.IsMap() || impl_->node.size() != 1)
        fail(impl_->context + " must be a step name, or a mapping with exactly one step name as its key");
    auto it = impl_->node.begin();
    const std::string key = key_text(*impl_, it->first);
    return {key, child(*impl_, it->second, key)};
}


std::string ScenarioNode::one_line() const {
    YAML::Emitter out;
    out << YAML::Flow << impl_->node;
    // A step with a `speaker:` beside it is a two-key map, which the emitter writes as block.
    std::string text = out.c_str();
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
        text.replace(at, 1, ", ");
    return text;
}

void rethrow_as_scenario_error(const std::string& file) {
    try {
        throw;
    } catch (const YAML::Exception& e) {
        throw ScenarioError({file, e.mark.line + 1}, "cannot be read: " + e.msg);
    }
}

ScenarioNode ScenarioNode::parse(const std::string& text, const std::string& file) {
    auto shared_file = std::make_shared<const std::string>(file);
    try {
        return ScenarioNode(std::make_shared<Impl>(Impl{YAML::Load(text), shared_file, "scenario", {}}));
    } catch (const YAML::Exception& e) {
        throw ScenarioError({file, e.mark.line + 1}, "not valid YAML: " + e.msg);
    }
}

} // namespace ringside::runner
