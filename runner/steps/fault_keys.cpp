#include "runner/steps/fault_keys.hpp"

#include <cstdio>
#include <cstdlib>

#include "cloud/faults/answer_shape.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::runner {
namespace {

constexpr const char* kDelayForms =
    "expected a duration (delay: 2s), { uniform: [1s, 5s] } or { lognormal: { median: 2s, sigma: 0.5 } }";

std::string format_decimal(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

// The JSON text a scenario value stands for (read_shape's rules).
std::string json_text(ScenarioNode node) {
    if (node.is_sequence()) {
        std::string out = "[";
        for (ScenarioNode item : node.items()) out += (out.size() > 1 ? "," : "") + json_text(item);
        return out + "]";
    }
    if (node.is_map()) {
        std::string out = "{";
        for (auto& [key, value] : node.entries())
            out += (out.size() > 1 ? "," : "") + cloud::json_quote(key) + ":" + json_text(value);
        return out + "}";
    }
    const std::string text = node.str();
    if (!node.is_quoted() && cloud::is_json_value(text) && !text.empty() && text.front() != '"' && text.front() != '[' &&
        text.front() != '{')
        return text;
    return cloud::json_quote(text);
}

} // namespace

void read_shape(ScenarioNode node, cloud::Fault& fault) {
    if (!node.is_map()) node.fail("shape takes { omit: [member, ...], set: { member: value, ... } }");
    auto omit = node.get("omit");
    auto set = node.get("set");
    if (!omit && !set) node.fail("shape needs 'omit', 'set' or both, e.g. shape: { omit: [interval] }");
    node.done();
    if (omit) {
        if (!omit->is_sequence()) omit->fail("omit takes a list of member names, e.g. omit: [interval]");
        for (ScenarioNode member : omit->items()) {
            if (!member.is_scalar() || member.str().empty()) member.fail("omit takes member names, e.g. omit: [interval]");
            fault.omit.push_back(member.str());
        }
    }
    if (set) {
        if (!set->is_map()) set->fail("set takes members and their JSON values, e.g. set: { expires_in: \"3600\" }");
        for (auto& [member, value] : set->entries()) fault.set.emplace_back(member, json_text(value));
    }
}

void read_delay(ScenarioNode node, cloud::Fault& fault) {
    if (node.is_scalar()) {
        fault.delay_shape = cloud::DelayShape::Fixed;
        fault.delay = node.duration();
        return;
    }
    if (!node.is_map()) node.fail(std::string("bad delay for ") + node.context() + "; " + kDelayForms);
    auto uniform = node.get("uniform");
    auto lognormal = node.get("lognormal");
    if (!uniform == !lognormal) node.fail(std::string("delay needs exactly one of 'uniform' or 'lognormal'; ") + kDelayForms);
    node.done();
    if (uniform) {
        if (!uniform->is_sequence() || uniform->items().size() != 2)
            uniform->fail("uniform takes two durations [min, max], e.g. uniform: [1s, 5s]");
        const auto bounds = uniform->items();
        fault.delay_shape = cloud::DelayShape::Uniform;
        fault.delay = bounds[0].duration();
        fault.delay_max = bounds[1].duration();
        if (fault.delay_max < fault.delay)
            uniform->fail("uniform's max (" + format_duration(fault.delay_max) + ") is below its min (" +
                          format_duration(fault.delay) + "); expected [min, max]");
        return;
    }
    ScenarioNode shape = *lognormal;
    if (!shape.is_map()) shape.fail("lognormal takes { median: 2s, sigma: 0.5 }");
    fault.delay_shape = cloud::DelayShape::LogNormal;
    fault.delay = shape.require("median").duration();
    fault.delay_sigma = read_decimal(shape.require("sigma"), 0.0, 4.0, "0.5");
    shape.done();
    if (fault.delay <= Millis(0)) shape.fail("lognormal's median must be more than 0s");
}

cloud::Break read_break(const ScenarioNode& node) {
    const std::string name = node.str();
    const auto kind = cloud::parse_break(name);
    if (!kind) node.fail("unknown break '" + name + "' for " + node.context() + "; expected one of: " + join(cloud::break_kinds()));
    return *kind;
}

Millis read_signed_duration(const ScenarioNode& node) {
    const std::string text = node.str();
    const bool negative = !text.empty() && text[0] == '-';
    const bool sign = negative || (!text.empty() && text[0] == '+');
    const auto magnitude = parse_duration(std::string_view(text).substr(sign ? 1 : 0));
    if (!magnitude)
        node.fail("bad duration '" + text + "' for " + node.context() +
                  "; expected a duration with an optional sign, like -1000d, 90s or +1h30m");
    return negative ? -*magnitude : *magnitude;
}

double read_decimal(const ScenarioNode& node, double min, double max, const char* example) {
    const std::string text = node.str();
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end || !(value >= min && value <= max))
        node.fail("bad number '" + text + "' for " + node.context() + "; expected a number from " +
                  format_decimal(min) + " to " + format_decimal(max) + ", e.g. " + example);
    return value;
}

} // namespace ringside::runner
