#include "runner/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "runner/scenario_error.hpp"
#include "runner/scenario_node.hpp"
#include "runner/speaker_address.hpp"
#include "runner/steps/steps.hpp"
#include "runner/voice_profile_reader.hpp"

namespace ringside::runner {
namespace {

std::vector<std::string> step_names() {
    std::vector<std::string> names;
    for (const auto& kv : step_catalog()) names.push_back(kv.first);
    return names;
}

cloud::Dialect parse_dialect(const ScenarioNode& n) {
    const std::string name = n.str();
    if (name == "rfc8628") return cloud::Dialect::Rfc8628;
    if (name == "lwa") return cloud::Dialect::Lwa;
    n.fail("unknown dialect '" + name + "'; expected one of: rfc8628, lwa");
}

void read_cloud(ScenarioNode cloud, Scenario& s) {
    auto& c = s.world.cloud;
    if (auto n = cloud.get("dialect")) {
        c.dialect = parse_dialect(*n);
        // LWA's code pairs ask for 30 s between polls; poll_interval: below still overrides.
        if (c.dialect == cloud::Dialect::Lwa) c.poll_interval = std::chrono::seconds(30);
    }
    if (auto clients = cloud.get("clients")) {
        for (ScenarioNode n : clients->items()) {
            cloud::Client client;
            client.id = n.require("id").str();
            if (auto t = n.get("type")) {
                const std::string type = t->str();
                if (type == "web") client.web = true;
                else if (type != "device") t->fail("unknown client type '" + type + "'; expected one of: device, web");
            }
            // What the verification page calls the device (default: the client id).
            if (auto name = n.get("name")) {
                client.name = name->str();
                if (client.name.empty()) name->fail("a client's name must not be empty (leave the key out for the id)");
            }
            // A confidential client (RFC 6749 §2.3.1): it must authenticate with this secret.
            if (auto secret = n.get("secret")) client.secret = secret->str();
            // The scopes it may ask for; any other is invalid_scope (default: any).
            if (auto scopes = n.get("scopes"))
                for (ScenarioNode scope : scopes->items()) client.scopes.push_back(scope.str());
            n.done();
            c.clients.push_back(client);
        }
    }
    if (auto accounts = cloud.get("accounts")) {
        for (ScenarioNode a : accounts->items()) {
            cloud::Account account;
            account.id = a.require("id").str();
            account.password = a.require("password").str();
            if (auto e = a.get("email")) account.email = e->str();
            if (auto m = a.get("mfa")) {
                if (m->str() != "totp") m->fail("unknown mfa '" + m->str() + "'; expected: totp");
                account.mfa_totp = true;
            }
            if (auto t = a.get("totp_secret")) {
                if (!account.mfa_totp) t->fail("totp_secret needs mfa: totp on the same account");
                account.totp_secret = t->str();
                if (account.totp_secret.empty()) t->fail("totp_secret must not be empty");
            }
            // restricted: true (a suspended or child account): signs in, may not link devices.
            if (auto r = a.get("restricted")) account.restricted = r->boolean();
            read_voice_profile(a, account);
            a.done();
            c.accounts.push_back(account);
        }
    }
    if (auto n = cloud.get("access_token_lifetime")) c.access_token_lifetime = n->duration();
    if (auto n = cloud.get("device_code_lifetime")) c.device_code_lifetime = n->duration();
    if (auto n = cloud.get("poll_interval")) c.poll_interval = n->duration();
    cloud.done();
}

void read_device(ScenarioNode device, Scenario& s) {
    auto& d = s.world.device;
    if (auto n = device.get("serial")) d.serial_number = n->str();
    if (auto n = device.get("product_id")) d.product_id = n->str();
    if (auto n = device.get("client_id")) d.client_id = n->str();
    if (auto n = device.get("dialect")) d.dialect = parse_dialect(*n);
    // rtc: where the battery-backed clock starts: 1970 (battery lost), synced (the world's
    // time), or unix seconds.
    if (auto n = device.get("rtc")) {
        const std::string v = n->str();
        if (v == "1970") {
            s.world.device_rtc_unix = 0;
        } else if (v == "synced") {
            s.world.device_rtc_unix = s.world.world_start_unix;
        } else if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos) {
            s.world.device_rtc_unix = n->integer(0, 4'102'444'800);
        } else {
            n->fail("bad value '" + v + "' for device.rtc; expected 1970, synced or unix seconds");
        }
    }
    device.done();
}

void read_wifi(ScenarioNode wifi, Scenario& s) {
    for (ScenarioNode w : wifi.items()) {
        sim::WifiNetwork net;
        net.ssid = w.require("ssid").str();
        net.password = w.require("password").str();
        if (auto b = w.get("band")) {
            if (!sim::parse(b->str(), net.band)) b->fail("unknown band '" + b->str() + "'; expected 2.4GHz or 5GHz");
        }
        w.done();
        s.world.networks.push_back(net);
    }
}

// The step `name` with its arguments `args`, written as `item`.
Step make_step(const ScenarioNode& item, const std::string& name, ScenarioNode args, const Scenario& scenario) {
    Step step;
    step.where = item.where();
    step.text = item.one_line();
    step.name = name;
    const auto& catalog = step_catalog();
    auto it = catalog.find(step.name);
    if (it == catalog.end()) item.fail("unknown step '" + step.name + "'; expected one of: " + join(step_names()));
    step.play = it->second(args, scenario);
    return step;
}

Step read_step(const ScenarioNode& item, const Scenario& scenario) {
    if (item.is_scalar()) {
        // A bare step name: no arguments.
        Step step = make_step(item, item.str(), ScenarioNode::parse("", item.where().file), scenario);
        address_step(step, item, std::nullopt, std::nullopt, scenario);
        return step;
    }
    // `{ <step>: <arguments>, speaker: NAME, spread: D }`: the step, which speaker it is for,
    // and over how long (speaker_address.hpp).
    std::optional<ScenarioNode> speaker, spread;
    std::optional<std::pair<std::string, ScenarioNode>> entry;
    if (item.is_map() && (item.has("speaker") || item.has("spread"))) {
        for (auto& [key, value] : item.entries()) {
            if (key == "speaker") speaker = value;
            else if (key == "spread") spread = value;
            else if (entry) value.fail("one step per list item, with an optional 'speaker' and 'spread'");
            else entry.emplace(key, value);
        }
        if (!entry) item.fail("a step is missing beside 'speaker'");
    } else {
        entry = item.single_entry();
    }
    Step step = make_step(item, entry->first, entry->second, scenario);
    address_step(step, item, speaker, spread, scenario);
    return step;
}

// Steps a `schedule:` may hold: actions that take no time (a step that waits or checks
// belongs in `steps:`, where time is the step's own).
bool schedulable(const std::string& step) {
    static const std::set<std::string> actions{"cloud.fault", "network",  "wifi",    "power_off", "power_on",
                                               "flash.cut_power", "app.revoke", "user.deny", "press",    "release",
                                               "mark"};
    return actions.count(step) != 0;
}

// schedule: [{ at: 1m30s, cloud.fault: {...} }, ...]: each entry's time, and one step.
TimedStep read_timed_step(const ScenarioNode& item, const Scenario& scenario) {
    const char* form = "a schedule entry is { at: DURATION, <step>: <arguments> }, e.g. { at: 1m30s, wifi: lost }";
    if (!item.is_map()) item.fail(form);
    std::optional<Millis> at;
    std::optional<ScenarioNode> speaker;
    std::optional<std::pair<std::string, ScenarioNode>> step;
    for (const auto& [key, value] : item.entries()) {
        if (key == "at") {
            at = value.duration();
        } else if (key == "speaker") {
            speaker = value;
        } else if (step) {
            value.fail(std::string("one step per schedule entry; ") + form);
        } else {
            step.emplace(key, value);
        }
    }
    if (!at || !step) item.fail(form);
    if (!schedulable(step->first))
        item.fail("step " + step->first + " cannot be scheduled at a time; a schedule holds actions that take "
                  "no time: cloud.fault, network, wifi, power_off, power_on, flash.cut_power, app.revoke, user.deny, "
                  "press, release, mark");
    TimedStep timed{*at, make_step(item, step->first, step->second, scenario)};
    address_step(timed.step, item, speaker, std::nullopt, scenario);
    return timed;
}

// Steps whose test face exists only on the virtual board (not over the serial link).
bool needs_virtual_board(const std::string& step) { return step == "flash.cut_power"; }

Scenario read_scenario(ScenarioNode root, const std::string& path) {
    if (!root.is_map()) root.fail("a scenario file must be a mapping with at least 'name' and 'steps'");
    Scenario s;
    s.where = {path, 1};
    s.name = root.require("name").str();
    if (auto n = root.get("description")) (void)n->str();
    if (auto n = root.get("seed")) s.seed = static_cast<std::uint64_t>(n->integer(0, 1LL << 53));
    if (auto n = root.get("tags"))
        for (const ScenarioNode& t : n->items()) s.tags.push_back(t.str());
    if (auto n = root.get("sim_only")) {
        s.sim_only = n->str();
        if (s.sim_only.size() < 10) n->fail("sim_only needs the reason the scenario cannot run on a board, e.g. 'injects power cuts into the virtual flash'");
    }
    if (auto n = root.get("expectations")) {
        const std::string v = n->str();
        if (v != "advisory" && v != "must_hold") n->fail("unknown value '" + v + "' for expectations; expected advisory or must_hold");
        s.advisory = v == "advisory";
    }
    if (auto n = root.get("properties")) {
        if (!n->is_sequence()) n->fail("properties: expected a list, e.g. [poll_interval, liveness], or [all]");
        for (const ScenarioNode& p : n->items()) {
            if (p.str() == "all") {
                s.properties = all_properties();
                continue;
            }
            const auto property = parse_property(p.str());
            if (!property) p.fail("unknown property '" + p.str() + "'; expected all or one of: " + join(property_names()));
            if (std::find(s.properties.begin(), s.properties.end(), *property) == s.properties.end())
                s.properties.push_back(*property);
        }
    }
    if (auto n = root.get("plant")) {
        const auto plant = sim::parse_planted_defect(n->str());
        if (!plant) n->fail("unknown planted defect '" + n->str() + "'; expected one of: " + join(sim::planted_defect_names()));
        s.world.plant = *plant;
    }
    if (auto n = root.get("cloud")) read_cloud(*n, s);
    if (auto n = root.get("device")) read_device(*n, s);
    if (auto n = root.get("wifi")) read_wifi(*n, s);
    read_speakers(root.get("speakers"), root.get("fleet"), s);
    ScenarioNode steps = root.require("steps");
    const std::optional<ScenarioNode> schedule = root.get("schedule");
    root.done();
    for (const ScenarioNode& item : steps.items()) {
        s.steps.push_back(read_step(item, s));
        // A step that drives a part only the virtual board has makes the scenario sim-only;
        // saying so (with the reason) is the author's job, so a board run never meets it.
        if (s.sim_only.empty() && needs_virtual_board(s.steps.back().name))
            item.fail("step " + s.steps.back().name + " drives the virtual board directly; mark the scenario "
                      "'sim_only: <why it cannot run on a board>'");
    }
    if (s.steps.empty()) steps.fail("'steps' must hold at least one step");
    if (schedule) {
        if (!schedule->is_sequence()) schedule->fail("schedule: expected a list of { at: DURATION, <step>: <arguments> }");
        for (const ScenarioNode& item : schedule->items()) {
            s.schedule.push_back(read_timed_step(item, s));
            if (s.sim_only.empty() && needs_virtual_board(s.schedule.back().step.name))
                item.fail("step " + s.schedule.back().step.name + " drives the virtual board directly; mark the scenario "
                          "'sim_only: <why it cannot run on a board>'");
        }
    }
    return s;
}

} // namespace

Scenario load_scenario(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ScenarioError({path, 0}, "cannot open scenario file");
    std::stringstream text;
    text << in.rdbuf();
    return parse_scenario(text.str(), path);
}

Scenario parse_scenario(const std::string& text, const std::string& path) {
    Scenario s;
    try {
        s = read_scenario(ScenarioNode::parse(text, path), path);
    } catch (const ScenarioError&) {
        throw;
    } catch (...) {
        rethrow_as_scenario_error(path);
    }
    s.world.seed = s.seed;
    s.world.cloud.seed = s.seed;
    return s;
}

std::vector<TimedStep> parse_schedule(const std::string& text, const Scenario& scenario) {
    std::vector<TimedStep> schedule;
    try {
        const ScenarioNode root = ScenarioNode::parse(text, scenario.where.file);
        if (text.empty()) return schedule;
        for (const ScenarioNode& item : root.items()) schedule.push_back(read_timed_step(item, scenario));
    } catch (const ScenarioError&) {
        throw;
    } catch (...) {
        rethrow_as_scenario_error(scenario.where.file);
    }
    return schedule;
}

} // namespace ringside::runner
