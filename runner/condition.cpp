#include "runner/condition.hpp"

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

bool matches(const RequestFilter& f, const cloud::JournalEntry& e) {
    return e.endpoint == f.endpoint && (f.grant_type.empty() || e.grant_type == f.grant_type) &&
           (f.error.empty() || e.error == f.error) && (!f.status || *f.status == e.status);
}

std::string describe(const RequestFilter& f) {
    std::string out = f.endpoint;
    if (!f.grant_type.empty()) out += " grant " + f.grant_type;
    if (!f.error.empty()) out += " answered " + f.error;
    if (f.status) out += " status " + std::to_string(*f.status);
    return out + " requests";
}

} // namespace ringside::runner
