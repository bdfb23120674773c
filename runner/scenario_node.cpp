#include "runner/scenario_node.hpp"

#include <yaml-cpp/yaml.h>

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

ScenarioNode ScenarioNode::require(const std::string& key) {
    auto value = get(key);
    if (!value) fail("missing required field '" + key + "' in " + impl_->context);
    return *value;
}

void ScenarioNode::done() const {
    for (const auto& kv : impl_->node) {
        const std::string key = kv.first.as<std::string>();
        if (impl_->allowed.count(key)) continue;
        std::vector<std::string> known(impl_->allowed.begin(), impl_->allowed.end());
        child(*impl_, kv.first, impl_->context)
            .fail("unknown key '" + key + "' in " + impl_->context + "; expected one of: " + join(known));
    }
}

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

std::pair<std::string, ScenarioNode> ScenarioNode::single_entry() const {
    if (!impl_->node.IsMap() || impl_->node.size() != 1)
        fail(impl_->context + " must be a step name, or a mapping with exactly one step name as its key");
    auto it = impl_->node.begin();
    const std::string key = it->first.as<std::string>();
    return {key, child(*impl_, it->second, key)};
}

bool ScenarioNode::is_quoted() const { return impl_->node.IsScalar() && impl_->node.Tag() == "!"; }

std::vector<std::pair<std::string, ScenarioNode>> ScenarioNode::entries() {
    if (!impl_->node.IsMap()) fail(impl_->context + " must be a mapping");
    std::vector<std::pair<std::string, ScenarioNode>> out;
    for (auto it = impl_->node.begin(); it != impl_->node.end(); ++it) {
        if (!it->first.IsScalar()) fail("a key of " + impl_->context + " must be a plain name");
        const std::string key = it->first.as<std::string>();
        impl_->allowed.insert(key);
        out.emplace_back(key, child(*impl_, it->second, impl_->context + "." + key));
    }
    return out;
}

std::string ScenarioNode::one_line() const {
    YAML::Emitter out;
    out << YAML::Flow << impl_->node;
    return out.c_str();
}

ScenarioNode ScenarioNode::parse(const std::string& text, const std::string& file) {
    auto shared_file = std::make_shared<const std::string>(file);
    try {
        return ScenarioNode(std::make_shared<Impl>(Impl{YAML::Load(text), shared_file, "scenario", {}}));
    } catch (const YAML::ParserException& e) {
        throw ScenarioError({file, e.mark.line + 1}, "not valid YAML: " + e.msg);
    }
}

} // namespace ringside::runner
