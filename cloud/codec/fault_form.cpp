#include "cloud/codec/fault_form.hpp"

#include "cloud/faults/answer_shape.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace ringside::cloud {
namespace {

// Reads the fields of one form, remembering the first one that is present but malformed.
class FieldReader {
public:
    explicit FieldReader(const FormFields& f) : f_(f) {}

    long long whole(std::string_view name, long long fallback, long long min, long long max) {
        const auto text = f_.get(name);
        if (!text) return fallback;
        const auto n = form_number(f_, name);
        if (!n || *n < min || *n > max)
            refuse(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return n.value_or(fallback);
    }
    double decimal(std::string_view name, double fallback, double min, double max) {
        const auto text = f_.get(name);
        if (!text) return fallback;
        char* end = nullptr;
        const double v = std::strtod(text->c_str(), &end);
        if (text->empty() || *end || !(v >= min && v <= max)) {
            refuse(std::string(name) + " must be a number from " + trimmed(min) + " to " + trimmed(max));
            return fallback;
        }
        return v;
    }
    void refuse(std::string why) {
        if (why_.empty()) why_ = std::move(why);
    }
    const std::string& why() const { return why_; }

private:
    static std::string trimmed(double v) {
        std::string s = std::to_string(v);
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
        return s;
    }
    const FormFields& f_;
    std::string why_;
};

constexpr long long kMaxMs = 10LL * 365 * 24 * 3600 * 1000;  // ten years: any sane span

} // namespace

std::optional<long long> form_number(const FormFields& f, std::string_view name) {
    auto v = f.get(name);
    if (!v || v->empty()) return std::nullopt;
    char* end = nullptr;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (*end != '\0') return std::nullopt;
    return n;
}

std::optional<Fault> read_fault(const FormFields& f, std::string& why) {
    FieldReader read(f);
    Fault fault;
    fault.endpoint = f.get("endpoint").value_or("*");
    fault.grant_type = f.get("grant").value_or("");
    fault.client_id = f.get("client").value_or("");
    fault.after = static_cast<int>(read.whole("after", 0, 0, 1000000));
    fault.count = static_cast<int>(read.whole("count", 1, 0, 1000000));
    fault.every = static_cast<int>(read.whole("every", 1, 1, 1000000));
    if (f.get("from_ms")) fault.from = Millis(read.whole("from_ms", 0, 0, kMaxMs));
    if (f.get("until_ms")) fault.until = Millis(read.whole("until_ms", 0, 0, kMaxMs));
    fault.probability = read.decimal("probability", 1.0, 0.0, 1.0);
    fault.drop = f.get("drop").value_or("") == "true";
    fault.body = f.get("body").value_or("");
    fault.status = static_cast<int>(read.whole("status", 0, 100, 599));
    fault.oauth_error = f.get("error").value_or("");
    fault.retry_after_s = static_cast<int>(read.whole("retry_after", 0, 0, 86400));
    if (const auto raw = f.get("raw_body")) fault.raw_body = *raw;
    if (const auto type = f.get("content_type")) fault.raw_content_type = *type;
    fault.delay = Millis(read.whole("delay_ms", 0, 0, kMaxMs));
    if (f.get("delay_max_ms")) {
        fault.delay_shape = DelayShape::Uniform;
        fault.delay_max = Millis(read.whole("delay_max_ms", 0, 0, kMaxMs));
    }
    if (f.get("delay_sigma")) {
        fault.delay_shape = DelayShape::LogNormal;
        fault.delay_sigma = read.decimal("delay_sigma", 0.0, 0.0, 4.0);
    }
    fault.dribble = Millis(read.whole("dribble_ms", 0, 0, kMaxMs));
    fault.date_skew = Millis(read.whole("date_skew_ms", 0, -kMaxMs * 10, kMaxMs * 10));
    // omit=interval,expires_in (or one omit per member); set.<member>=<JSON value text>.
    for (const auto& [name, value] : f.pairs) {
        if (name == "omit") {
            for (std::size_t at = 0; at <= value.size();) {
                const std::size_t comma = std::min(value.find(',', at), value.size());
                if (comma > at) fault.omit.push_back(value.substr(at, comma - at));
                at = comma + 1;
            }
        }
        if (name.rfind("set.", 0) != 0) continue;
        if (name.size() == 4 || !is_json_value(value)) read.refuse(name + " must name a member and give it a JSON value");
        fault.set.emplace_back(name.substr(4), value);
    }
    if (const auto kind = f.get("break")) {
        if (const auto b = parse_break(*kind)) fault.broken = *b;
        else read.refuse("break must be one of empty_reply, reset, random_bytes, malformed_chunk");
    }

    const auto& kinds = fault_body_kinds();
    if (!fault.body.empty() && std::find(kinds.begin(), kinds.end(), fault.body) == kinds.end())
        read.refuse("body must be one of missing_access_token, string_expires_in, negative_expires_in, "
                    "wrong_token_type, wrong_content_type, empty, garbage");
    if (f.get("delay_max_ms") && f.get("delay_sigma"))
        read.refuse("delay_max_ms (uniform) and delay_sigma (log-normal) are two shapes; give one");
    if (fault.delay_shape == DelayShape::Uniform && fault.delay_max < fault.delay)
        read.refuse("delay_max_ms must be at least delay_ms");
    if (fault.delay_shape == DelayShape::LogNormal && fault.delay == Millis(0))
        read.refuse("delay_sigma needs delay_ms, the log-normal's median");
    if (fault.raw_body && fault.status == 0) read.refuse("raw_body is sent with a status; add status");
    if (f.get("content_type") && !fault.raw_body) read.refuse("content_type goes with raw_body");
    if (!fault.does_something())
        read.refuse("a fault needs status, error, body (a known kind), raw_body with status, break, drop=true, "
                    "delay_ms, dribble_ms, date_skew_ms, omit or set.<member>");
    if (!read.why().empty()) {
        why = read.why();
        return std::nullopt;
    }
    return fault;
}

std::string encode_fault(const Fault& f) {
    // Only what differs from read_fault's defaults, so that every field sent is one it accepts.
    std::vector<std::pair<std::string, std::string>> fields{{"endpoint", f.endpoint}, {"count", std::to_string(f.count)}};
    const auto add = [&](const char* name, std::string value) { fields.emplace_back(name, std::move(value)); };
    const auto decimal = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", v);
        return std::string(text);
    };
    if (!f.grant_type.empty()) add("grant", f.grant_type);
    if (!f.client_id.empty()) add("client", f.client_id);
    if (f.after != 0) add("after", std::to_string(f.after));
    if (f.every != 1) add("every", std::to_string(f.every));
    if (f.from) add("from_ms", std::to_string(f.from->count()));
    if (f.until) add("until_ms", std::to_string(f.until->count()));
    if (f.probability < 1.0) add("probability", decimal(f.probability));
    if (f.drop) add("drop", "true");
    if (!f.body.empty()) add("body", f.body);
    if (f.status != 0) add("status", std::to_string(f.status));
    if (!f.oauth_error.empty()) add("error", f.oauth_error);
    if (f.retry_after_s != 0) add("retry_after", std::to_string(f.retry_after_s));
    if (f.raw_body) {
        add("raw_body", *f.raw_body);
        add("content_type", f.raw_content_type);
    }
    if (f.delay != Millis(0)) add("delay_ms", std::to_string(f.delay.count()));
    if (f.delay_shape == DelayShape::Uniform) add("delay_max_ms", std::to_string(f.delay_max.count()));
    if (f.delay_shape == DelayShape::LogNormal) add("delay_sigma", decimal(f.delay_sigma));
    if (f.dribble != Millis(0)) add("dribble_ms", std::to_string(f.dribble.count()));
    if (f.date_skew != Millis(0)) add("date_skew_ms", std::to_string(f.date_skew.count()));
    if (f.broken != Break::None) add("break", to_string(f.broken));
    if (!f.omit.empty()) {
        std::string members;
        for (const std::string& m : f.omit) members += (members.empty() ? "" : ",") + m;
        add("omit", members);
    }
    for (const auto& [member, value] : f.set) fields.emplace_back("set." + member, value);
    return form_encode(fields);
}

} // namespace ringside::cloud
