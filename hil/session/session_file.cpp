#include "hil/session/session_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>

#include "cloud/oauth/form_codec.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/codec/json_tree.hpp"

namespace ringside::hil {
namespace {

constexpr int kFormat = 1;

// Each secret and the text that replaces it, longest first so a token is never half
// replaced by a shorter secret inside it.
std::vector<std::pair<std::string, std::string>> placeholders(const std::set<std::string>& secrets) {
    std::vector<std::string> sorted(secrets.begin(), secrets.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    std::vector<std::pair<std::string, std::string>> out;
    int n = 0;
    for (const std::string& s : sorted) {
        char id[24];
        std::snprintf(id, sizeof id, "REDACTED%02d", ++n);
        // Keep a short prefix such as "Atza|" or "rs_rt.": what a token is stays readable
        // and a firmware that checks the prefix still accepts the placeholder.
        const std::size_t mark = s.find_first_of("|.");
        const std::string prefix = mark != std::string::npos && mark < 8 ? s.substr(0, mark + 1) : std::string();
        out.emplace_back(s, prefix + id);
        const std::string encoded = cloud::form_encode(s);
        if (encoded != s) out.emplace_back(encoded, cloud::form_encode(prefix + id));
    }
    return out;
}

std::string redact(std::string text, const std::vector<std::pair<std::string, std::string>>& table) {
    for (const auto& [secret, placeholder] : table) {
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + placeholder.size()))
            text.replace(at, secret.size(), placeholder);
    }
    return text;
}

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
    throw RecordingError(path + ":" + std::to_string(line) + ": " + what);
}

std::string text(const YAML::Node& node, const char* key, const std::string& path, int line) {
    const YAML::Node v = node[key];
    if (!v.IsDefined() || !v.IsScalar()) fail(path, line, std::string("expected \"") + key + "\" (text)");
    return v.as<std::string>();
}

long long number(const YAML::Node& node, const char* key, const std::string& path, int line) {
    try {
        return node[key].as<long long>();
    } catch (const YAML::Exception&) {
        fail(path, line, std::string("expected \"") + key + "\" (a whole number)");
    }
}

// The seed is written as text (a u64 may not fit a JSON reader's integer): digits only, and
// it must fit, or the file is not a recording (std::stoull would throw past the reader).
std::uint64_t seed_of(const std::string& digits, const std::string& path, int line) {
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(digits.c_str(), &end, 10);
    if (digits.empty() || digits.size() > 20 || digits.find_first_not_of("0123456789") != std::string::npos ||
        *end != '\0' || errno == ERANGE)
        fail(path, line, "expected \"seed\" (a whole number from 0 to 18446744073709551615, as text)");
    return v;
}

} // namespace

void write_recording(std::ostream& out, const Recording& r, const std::set<std::string>& secrets) {
    const auto table = placeholders(secrets);
    const auto clean = [&](const std::string& s) { return redact(s, table); };
    out << cloud::JsonObjectWriter()
               .number("ringside_session", kFormat)
               .string("scenario", r.scenario_file)
               .string("name", clean(r.scenario_name))
               .string("seed", std::to_string(r.seed))
               .string("board", r.board_id)
               .string("firmware", r.firmware_version)
               .string("issuer", r.issuer)
               .string("client_id", r.client_id)
               .string("scope", r.scope)
               .string("product_id", r.product_id)
               .string("serial_number", r.serial_number)
               .string("dialect", r.dialect)
               .number("rtc_unix", r.rtc_unix)
               .number("end_ms", r.end.count())
               .finish()
        << "\n";
    for (const RecordedStep& s : r.steps)
        out << cloud::JsonObjectWriter()
                   .number("step", s.number)
                   .number("line", s.line)
                   .string("text", clean(s.text))
                   .number("started_ms", s.started.count())
                   .number("ended_ms", s.ended.count())
                   .finish()
            << "\n";
    for (const SessionEvent& e : r.events) {
        cloud::JsonObjectWriter w;
        w.number("t", e.at.count()).string(e.dir == SessionEvent::Dir::In ? "in" : "out", e.kind);
        for (const auto& [k, v] : e.fields) w.string(k, clean(v));
        out << w.finish() << "\n";
    }
}

Recording read_recording(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RecordingError(path + ": cannot open the recording");
    return read_recording(in, path);
}

Recording read_recording(std::istream& in, const std::string& path) {
    Recording r;
    std::string line;
    int number_of_line = 0;
    bool header = false;
    while (std::getline(in, line)) {
        ++number_of_line;
        if (line.empty()) continue;
        std::string why;
        const YAML::Node n = cloud::parse_json(line, why);
        if (!why.empty() || !n.IsMap()) fail(path, number_of_line, "expected one JSON object per line (" + why + ")");
        if (!header) {
            if (!n["ringside_session"].IsDefined())
                fail(path, number_of_line, "expected the recording's header ({\"ringside_session\":1, ...}); is this a ringside hil record file?");
            if (number(n, "ringside_session", path, number_of_line) != kFormat)
                fail(path, number_of_line, "expected format 1 of the recording");
            r.scenario_file = text(n, "scenario", path, number_of_line);
            r.scenario_name = text(n, "name", path, number_of_line);
            r.seed = seed_of(text(n, "seed", path, number_of_line), path, number_of_line);
            r.board_id = text(n, "board", path, number_of_line);
            r.firmware_version = text(n, "firmware", path, number_of_line);
            r.issuer = text(n, "issuer", path, number_of_line);
            r.client_id = text(n, "client_id", path, number_of_line);
            r.scope = text(n, "scope", path, number_of_line);
            r.product_id = text(n, "product_id", path, number_of_line);
            r.serial_number = text(n, "serial_number", path, number_of_line);
            r.dialect = text(n, "dialect", path, number_of_line);
            r.rtc_unix = number(n, "rtc_unix", path, number_of_line);
            r.end = std::chrono::milliseconds(number(n, "end_ms", path, number_of_line));
            header = true;
            continue;
        }
        if (n["step"].IsDefined()) {
            r.steps.push_back({static_cast<int>(number(n, "step", path, number_of_line)),
                               static_cast<int>(number(n, "line", path, number_of_line)),
                               text(n, "text", path, number_of_line),
                               std::chrono::milliseconds(number(n, "started_ms", path, number_of_line)),
                               std::chrono::milliseconds(number(n, "ended_ms", path, number_of_line))});
            continue;
        }
        SessionEvent e;
        e.at = std::chrono::milliseconds(number(n, "t", path, number_of_line));
        const bool input = n["in"].IsDefined();
        if (!input && !n["out"].IsDefined()) fail(path, number_of_line, "expected an event with \"in\" or \"out\"");
        e.dir = input ? SessionEvent::Dir::In : SessionEvent::Dir::Out;
        e.kind = text(n, input ? "in" : "out", path, number_of_line);
        // Fields in file order (yaml-cpp keeps a mapping's order as read).
        for (const auto& kv : n) {
            const std::string k = kv.first.as<std::string>();
            if (k == "t" || k == "in" || k == "out") continue;
            if (!kv.second.IsScalar()) fail(path, number_of_line, "expected \"" + k + "\" to be text");
            e.fields.emplace_back(k, kv.second.as<std::string>());
        }
        if (!r.events.empty() && e.at < r.events.back().at) fail(path, number_of_line, "expected events in time order");
        r.events.push_back(std::move(e));
    }
    if (!header) fail(path, number_of_line, "expected the recording's header; the file is empty");
    return r;
}

} // namespace ringside::hil
