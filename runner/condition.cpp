#include "runner/condition.hpp"

#include "runner/scenario_node.hpp"

namespace ringside::runner {

bool holds(const Condition& c, const sim::VirtualSpeaker& speaker) {
    return (!c.device || *c.device == speaker.device_state()) && (!c.auth || *c.auth == speaker.auth_state()) &&
           (!c.ring || *c.ring == speaker.ring_pattern());
}

std::string describe(const Condition& c) {
    std::string out;
    auto add = [&](const char* what, std::string_view name) {
        out += (out.empty() ? "" : ", ") + std::string(what) + " " + std::string(name);
    };
    if (c.device) add("device", fw::to_string(*c.device));
    if (c.auth) add("auth", fw::to_string(*c.auth));
    if (c.ring) add("ring", fw::to_string(*c.ring));
    return out;
}

std::string describe_now(const sim::VirtualSpeaker& speaker) {
    return "device " + std::string(fw::to_string(speaker.device_state())) + ", auth " +
           std::string(fw::to_string(speaker.auth_state())) + ", ring " + std::string(fw::to_string(speaker.ring_pattern()));
}

RequestFilter read_request_filter(ScenarioNode& a) {
    RequestFilter f;
    f.endpoint = a.require("endpoint").str();
    if (auto n = a.get("grant")) f.grant_type = n->str();
    if (auto n = a.get("error")) {
        const std::string e = n->str();
        if (e.empty())
            n->fail("error \"\" is ambiguous: write 'error: none' for answers without an error, or leave 'error' out "
                    "for any outcome");
        f.error = e == "none" ? std::string() : e;
    }
    if (auto n = a.get("status")) f.status = static_cast<int>(n->integer(100, 599));
    if (auto n = a.get("client")) f.client = n->str();
    return f;
}

bool matches(const RequestFilter& f, const cloud::JournalEntry& e) {
    return e.endpoint == f.endpoint && (f.grant_type.empty() || e.grant_type == f.grant_type) &&
           (!f.error || e.error == *f.error) && (!f.status || *f.status == e.status) &&
           (f.client.empty() || e.client_id == f.client);
}

std::string describe(const RequestFilter& f) {
    std::string out = f.endpoint;
    if (!f.grant_type.empty()) out += " grant " + f.grant_type;
    if (f.error) out += f.error->empty() ? " answered without an error" : " answered " + *f.error;
    if (f.status) out += " status " + std::to_string(*f.status);
    if (!f.client.empty()) out += " from client " + f.client;
    return out + " requests";
}

} // namespace ringside::runner
