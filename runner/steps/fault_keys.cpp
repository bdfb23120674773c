#include "runner/steps/fault_keys.hpp"

#include <cstdio>
#include <cstdlib>


namespace ringside::runner {
namespace {

constexpr const char* kDelayForms =
    "expected a duration (delay: 2s), { uniform: [1s, 5s] } or { lognormal: { median: 2s, sigma: 0.5 } }";

std::string format_decimal(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

} // namespace

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
