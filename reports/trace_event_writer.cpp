#include "reports/trace_event_writer.hpp"

#include "sim/text/escape.hpp"

namespace ringside::reports {
namespace {

long long micros(Millis t) { return t.count() * 1000; }

} // namespace

void write_trace_events(std::ostream& out, const SignalTimeline& t, const std::string& scenario_name) {
    using text::json_quote;
    bool first = true;
    const auto event = [&](const std::string& json) {
        out << (first ? "\n" : ",\n") << json;
        first = false;
    };
    out << "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[";
    event("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":" + json_quote(scenario_name) + "}}");
    const std::size_t events_tid = t.tracks.size() + 1;
    for (std::size_t i = 0; i < t.tracks.size(); ++i)
        event("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + std::to_string(i + 1) +
              ",\"args\":{\"name\":" + json_quote(t.tracks[i].name) + "}}");
    event("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + std::to_string(events_tid) +
          ",\"args\":{\"name\":\"events\"}}");
    for (std::size_t i = 0; i < t.tracks.size(); ++i) {
        const Track& track = t.tracks[i];
        for (std::size_t c = 0; c < track.changes.size(); ++c) {
            const Millis from = track.changes[c].at;
            const Millis to = c + 1 < track.changes.size() ? track.changes[c + 1].at : t.end;
            event("{\"name\":" + json_quote(track.changes[c].value) + ",\"cat\":" + json_quote(track.name) +
                  ",\"ph\":\"X\",\"ts\":" + std::to_string(micros(from)) + ",\"dur\":" + std::to_string(micros(to - from)) +
                  ",\"pid\":1,\"tid\":" + std::to_string(i + 1) + "}");
        }
    }
    for (const Mark& m : t.marks) {
        const std::string name = m.detail.empty() ? m.category + " " + m.event : m.category + " " + m.event + ": " + m.detail;
        event("{\"name\":" + json_quote(name) + ",\"cat\":" + json_quote(m.category) + ",\"ph\":\"i\",\"s\":\"t\",\"ts\":" +
              std::to_string(micros(m.at)) + ",\"pid\":1,\"tid\":" + std::to_string(events_tid) + "}");
    }
    out << "\n]}\n";
}

} // namespace ringside::reports
