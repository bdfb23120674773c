#include "sim/cloud_codec/fault_form.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace ringside::cloud {

std::optional<long long> form_number(const FormFields& f, std::string_view name) {
    auto v = f.get(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (*end != '\0') return std::nullopt;
    return n;
}

std::optional<Fault> read_fault(const FormFields& f) {
    Fault fault;
    fault.endpoint = f.get("endpoint").value_or("*");
    fault.grant_type = f.get("grant").value_or("");
    fault.client_id = f.get("client").value_or("");
    fault.after = static_cast<int>(form_number(f, "after").value_or(0));
    fault.count = static_cast<int>(form_number(f, "count").value_or(1));
    fault.every = static_cast<int>(form_number(f, "every").value_or(1));
    if (auto from = form_number(f, "from_ms")) fault.from = Millis(*from);
    if (auto until = form_number(f, "until_ms")) fault.until = Millis(*until);
    if (auto p = f.get("probability")) fault.probability = std::strtod(p->c_str(), nullptr);
    fault.drop = f.get("drop").value_or("") == "true";
    fault.body = f.get("body").value_or("");
    fault.status = static_cast<int>(form_number(f, "status").value_or(0));
    fault.oauth_error = f.get("error").value_or("");
    fault.retry_after_s = static_cast<int>(form_number(f, "retry_after").value_or(0));
    fault.delay = Millis(form_number(f, "delay_ms").value_or(0));
    const auto& kinds = fault_body_kinds();
    if (!fault.body.empty() && std::find(kinds.begin(), kinds.end(), fault.body) == kinds.end()) return std::nullopt;
    if (fault.status == 0 && fault.oauth_error.empty() && !fault.drop && fault.body.empty() && fault.delay == Millis(0))
        return std::nullopt;
    return fault;
}


std::string encode_fault(const Fault& f) {
    std::vector<std::pair<std::string, std::string>> fields{
        {"endpoint", f.endpoint},
        {"grant", f.grant_type},
        {"client", f.client_id},
        {"after", std::to_string(f.after)},
        {"count", std::to_string(f.count)},
        {"every", std::to_string(f.every)},
        {"drop", f.drop ? "true" : "false"},
        {"body", f.body},
        {"status", std::to_string(f.status)},
        {"error", f.oauth_error},
        {"retry_after", std::to_string(f.retry_after_s)},
        {"delay_ms", std::to_string(f.delay.count())},
    };
    if (f.from) fields.emplace_back("from_ms", std::to_string(f.from->count()));
    if (f.until) fields.emplace_back("until_ms", std::to_string(f.until->count()));
    char probability[32];
    std::snprintf(probability, sizeof probability, "%.17g", f.probability);
    fields.emplace_back("probability", probability);
    return form_encode(fields);
}

} // namespace ringside::cloud
