#include "runner/scenario_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "runner/scenario_error.hpp"

namespace ringside::runner {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

// A YAML node plus the file it came from: typed getters that fail with file:line.
class Node {
public:
    Node(YAML::Node node, const std::string* file, std::string context)
        : node_(std::move(node)), file_(file), context_(std::move(context)) {}

    SourceLocation where() const { return {*file_, node_.Mark().line + 1}; }
    [[noreturn]] void fail(const std::string& message) const { throw ScenarioError(where(), message); }

    bool is_map() const { return node_.IsMap(); }
    bool is_scalar() const { return node_.IsScalar(); }
    bool is_sequence() const { return node_.IsSequence(); }
    const std::string& context() const { return context_; }

    // Map access. Every key read is remembered so that done() can reject the unknown ones.
    std::optional<Node> get(const std::string& key) {
        if (!node_.IsMap()) fail(context_ + " must be a mapping of keys to values");
        allowed_.insert(key);
        YAML::Node child = node_[key];
        if (!child.IsDefined() || child.IsNull()) return std::nullopt;
        return Node(child, file_, context_ + "." + key);
    }
    Node require(const std::string& key) {
        auto child = get(key);
        if (!child) fail("missing required field '" + key + "' in " + context_);
        return *child;
    }
    void done() const {
        for (const auto& kv : node_) {
            const std::string key = kv.first.as<std::string>();
            if (!allowed_.count(key)) {
                std::vector<std::string> known(allowed_.begin(), allowed_.end());
                Node(kv.first, file_, context_).fail("unknown key '" + key + "' in " + context_ + "; expected one of: " + join(known));
            }
        }
    }

    std::string str() const {
        if (!node_.IsScalar()) fail(context_ + " must be a single value, not a list or mapping");
        return node_.Scalar();
    }
    long long integer(long long min, long long max) const {
        const std::string s = str();
        long long v = 0;
        std::size_t used = 0;
        bool ok = !s.empty();
        try { v = std::stoll(s, &used); } catch (...) { ok = false; }
        if (!ok || used != s.size() || v < min || v > max)
            fail("bad number '" + s + "' for " + context_ + "; expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return v;
    }
    Millis duration() const {
        const std::string s = str();
        auto d = parse_duration(s);
        if (!d) fail("bad duration '" + s + "' for " + context_ + "; expected a duration like 500ms, 5s, 2m, 24h or 1h30m");
        return *d;
    }
    std::vector<Node> items() const {
        if (!node_.IsSequence()) fail(context_ + " must be a list");
        std::vector<Node> out;
        for (std::size_t i = 0; i < node_.size(); ++i) out.emplace_back(node_[i], file_, context_ + "[" + std::to_string(i) + "]");
        return out;
    }
    // Single-key mapping {key: value} -> (key, value).
    std::pair<std::string, Node> single_entry() const {
        if (!node_.IsMap() || node_.size() != 1) fail(context_ + " must be a step name, or a mapping with exactly one step name as its key");
        auto it = node_.begin();
        return {it->first.as<std::string>(), Node(it->second, file_, it->first.as<std::string>())};
    }
    std::string one_line() const {
        YAML::Emitter out;
        out << YAML::Flow << node_;
        return out.c_str();
    }

private:
    YAML::Node node_;
    const std::string* file_;
    std::string context_;
    std::set<std::string> allowed_;
};

template <typename Enum>
Enum parse_name(const Node& node, const std::vector<std::string>& names) {
    Enum value{};
    const std::string s = node.str();
    if (!fw::parse(s, value)) node.fail("unknown " + node.context() + " '" + s + "'; expected one of: " + join(names));
    return value;
}

const std::vector<std::string> kDeviceStates{"off", "booting", "setup", "joining_wifi", "authorizing", "linked", "error"};
const std::vector<std::string> kAuthStates{"unlinked", "discovering", "requesting_code", "awaiting_approval", "linked", "expired", "failed"};
const std::vector<std::string> kRingPatterns{"off", "booting", "setup", "authorizing", "listening", "thinking", "speaking", "mic_off", "error", "wifi_error"};

hal::Button parse_button(const Node& node) {
    static const std::map<std::string, hal::Button> kButtons{
        {"action", hal::Button::Action}, {"mic_mute", hal::Button::MicMute},
        {"volume_up", hal::Button::VolumeUp}, {"volume_down", hal::Button::VolumeDown}};
    const std::string s = node.str();
    auto it = kButtons.find(s);
    if (it == kButtons.end()) node.fail("unknown button '" + s + "'; expected one of: action, mic_mute, volume_up, volume_down");
    return it->second;
}

// Reads device/auth/ring keys into a condition; returns whether any was given.
bool read_condition(Node& args, Condition& c) {
    if (auto n = args.get("device")) c.device = parse_name<fw::DeviceState>(*n, kDeviceStates);
    if (auto n = args.get("auth")) c.auth = parse_name<fw::AuthState>(*n, kAuthStates);
    if (auto n = args.get("ring")) c.ring = parse_name<fw::RingPattern>(*n, kRingPatterns);
    return c.device || c.auth || c.ring;
}

void read_filter(Node& args, RequestFilter& f) {
    f.endpoint = args.require("endpoint").str();
    if (auto n = args.get("grant")) f.grant_type = n->str();
    if (auto n = args.get("error")) f.error = n->str();
    if (auto n = args.get("status")) f.status = static_cast<int>(n->integer(100, 599));
}

Millis optional_duration(Node& args, const std::string& key, Millis fallback) {
    auto n = args.get(key);
    return n ? n->duration() : fallback;
}

using StepParser = std::function<void(Node& args, Step& step, const Scenario& scenario)>;

// Steps that take no arguments.
void no_args(Node& args, Step&, const Scenario&) {
    if (args.is_map() || args.is_sequence() || (args.is_scalar() && !args.str().empty()))
        args.fail(args.context() + " takes no arguments");
}

void button_step(Node& args, Step& step, const Scenario&) {
    if (args.is_scalar()) {
        step.button = parse_button(args);
        return;
    }
    step.button = parse_button(args.require("button"));
    args.done();
}

const std::map<std::string, std::pair<StepKind, StepParser>>& step_table() {
    static const std::map<std::string, std::pair<StepKind, StepParser>> table{
        {"power_on", {StepKind::PowerOn, no_args}},
        {"power_off", {StepKind::PowerOff, no_args}},
        {"press", {StepKind::Press, button_step}},
        {"release", {StepKind::Release, button_step}},
        {"hold", {StepKind::Hold, [](Node& a, Step& s, const Scenario&) {
             s.button = parse_button(a.require("button"));
             s.duration = a.require("for").duration();
             a.done();
         }}},
        {"advance", {StepKind::Advance, [](Node& a, Step& s, const Scenario&) { s.duration = a.duration(); }}},
        {"app.provision", {StepKind::Provision, [](Node& a, Step& s, const Scenario& scenario) {
             s.ssid = a.require("wifi").str();
             s.account = a.require("account").str();
             if (auto p = a.get("password")) {
                 s.password = p->str();
             } else {
                 // The app knows the password of a network the scenario declared.
                 bool found = false;
                 for (const auto& net : scenario.world.networks)
                     if (net.ssid == s.ssid) { s.password = net.password; found = true; }
                 if (!found) a.fail("app.provision: no password given and no network '" + s.ssid + "' declared under wifi:");
             }
             a.done();
         }}},
        {"user.approve", {StepKind::Approve, [](Node& a, Step& s, const Scenario&) {
             if (a.is_scalar()) {
                 s.account = a.str();
                 s.duration = std::chrono::minutes(1);
                 return;
             }
             s.account = a.require("account").str();
             s.duration = optional_duration(a, "within", std::chrono::minutes(1));
             a.done();
         }}},
        {"cloud.fault", {StepKind::CloudFault, [](Node& a, Step& s, const Scenario&) {
             s.fault.endpoint = a.require("endpoint").str();
             if (auto n = a.get("grant")) s.fault.grant_type = n->str();
             if (auto n = a.get("after")) s.fault.after = static_cast<int>(n->integer(0, 1000000));
             if (auto n = a.get("count")) s.fault.count = static_cast<int>(n->integer(0, 1000000));
             if (auto n = a.get("status")) s.fault.status = static_cast<int>(n->integer(100, 599));
             if (auto n = a.get("error")) s.fault.oauth_error = n->str();
             if (auto n = a.get("retry_after")) s.fault.retry_after_s = static_cast<int>(n->duration().count() / 1000);
             if (s.fault.status == 0 && s.fault.oauth_error.empty()) a.fail("cloud.fault needs 'status' or 'error'");
             a.done();
         }}},
        {"expect_state", {StepKind::ExpectState, [](Node& a, Step& s, const Scenario&) {
             if (!read_condition(a, s.condition)) a.fail("expect_state needs at least one of: device, auth, ring");
             s.duration = optional_duration(a, "within", Millis(0));
             a.done();
         }}},
        {"expect_ring", {StepKind::ExpectState, [](Node& a, Step& s, const Scenario&) {
             if (a.is_scalar()) {
                 s.condition.ring = parse_name<fw::RingPattern>(a, kRingPatterns);
                 return;
             }
             s.condition.ring = parse_name<fw::RingPattern>(a.require("pattern"), kRingPatterns);
             s.duration = optional_duration(a, "within", Millis(0));
             a.done();
         }}},
        {"expect_never", {StepKind::ExpectNever, [](Node& a, Step& s, const Scenario&) {
             if (!read_condition(a, s.condition)) a.fail("expect_never needs at least one of: device, auth, ring");
             s.duration = a.require("during").duration();
             a.done();
         }}},
        {"expect_requests", {StepKind::ExpectRequests, [](Node& a, Step& s, const Scenario&) {
             read_filter(a, s.filter);
             if (auto n = a.get("at_least")) s.at_least = static_cast<int>(n->integer(0, 1000000));
             if (auto n = a.get("count")) s.exactly = static_cast<int>(n->integer(0, 1000000));
             if (!s.at_least == !s.exactly) a.fail("expect_requests needs exactly one of 'at_least' or 'count'");
             s.duration = optional_duration(a, "within", Millis(0));
             a.done();
         }}},
        {"expect_request_gap", {StepKind::ExpectRequestGap, [](Node& a, Step& s, const Scenario&) {
             read_filter(a, s.filter);
             s.samples = static_cast<int>(a.require("samples").integer(2, 10000));
             s.gap_min = a.require("min").duration();
             s.gap_max = a.require("max").duration();
             if (s.gap_max < s.gap_min) a.fail("expect_request_gap: 'max' must not be below 'min'");
             s.duration = a.require("within").duration();
             a.done();
         }}},
    };
    return table;
}

std::vector<std::string> step_names() {
    std::vector<std::string> names;
    for (const auto& kv : step_table()) names.push_back(kv.first);
    return names;
}

void read_cloud(Node cloud, Scenario& s) {
    auto& c = s.world.cloud;
    if (auto accounts = cloud.get("accounts")) {
        for (Node a : accounts->items()) {
            cloud::Account account;
            account.id = a.require("id").str();
            account.password = a.require("password").str();
            if (auto e = a.get("email")) account.email = e->str();
            a.done();
            c.accounts.push_back(account);
        }
    }
    if (auto n = cloud.get("access_token_lifetime")) c.access_token_lifetime = n->duration();
    if (auto n = cloud.get("device_code_lifetime")) c.device_code_lifetime = n->duration();
    if (auto n = cloud.get("poll_interval")) c.poll_interval = n->duration();
    cloud.done();
}

void read_device(Node device, Scenario& s) {
    auto& d = s.world.device;
    if (auto n = device.get("serial")) d.serial_number = n->str();
    if (auto n = device.get("product_id")) d.product_id = n->str();
    if (auto n = device.get("client_id")) d.client_id = n->str();
    device.done();
}

Scenario read_scenario(Node root, const std::string& path) {
    if (!root.is_map()) root.fail("a scenario file must be a mapping with at least 'name' and 'steps'");
    Scenario s;
    s.where = {path, 1};
    s.name = root.require("name").str();
    if (auto n = root.get("description")) (void)n->str();
    if (auto n = root.get("seed")) s.seed = static_cast<std::uint64_t>(n->integer(0, 1LL << 53));
    if (auto n = root.get("tags"))
        for (const Node& t : n->items()) s.tags.push_back(t.str());
    if (auto n = root.get("cloud")) read_cloud(*n, s);
    if (auto n = root.get("device")) read_device(*n, s);
    if (auto n = root.get("wifi")) {
        for (Node w : n->items()) {
            sim::WifiNetwork net;
            net.ssid = w.require("ssid").str();
            net.password = w.require("password").str();
            w.done();
            s.world.networks.push_back(net);
        }
    }
    Node steps = root.require("steps");
    root.done();

    for (const Node& item : steps.items()) {
        Step step;
        step.where = item.where();
        step.text = item.one_line();
        std::string name;
        Node args = item;
        if (item.is_scalar()) {
            name = item.str();
            args = Node(YAML::Node(""), &path, name);
        } else {
            auto entry = item.single_entry();
            name = entry.first;
            args = entry.second;
        }
        const auto& table = step_table();
        auto it = table.find(name);
        if (it == table.end()) item.fail("unknown step '" + name + "'; expected one of: " + join(step_names()));
        step.kind = it->second.first;
        it->second.second(args, step, s);
        s.steps.push_back(std::move(step));
    }
    if (s.steps.empty()) steps.fail("'steps' must hold at least one step");
    return s;
}

} // namespace

Scenario load_scenario(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ScenarioError({path, 0}, "cannot open scenario file");
    std::stringstream text;
    text << in.rdbuf();
    YAML::Node root;
    try {
        root = YAML::Load(text.str());
    } catch (const YAML::ParserException& e) {
        throw ScenarioError({path, e.mark.line + 1}, "not valid YAML: " + e.msg);
    }
    Scenario s = read_scenario(Node(root, &path, "scenario"), path);
    s.world.seed = s.seed;
    s.world.cloud.seed = s.seed;
    return s;
}

} // namespace ringside::runner
