#include "runner/watch.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

namespace ringside::runner {
namespace {

std::string trace_text(const sim::TraceLine& line) { return line.category + " " + line.event + " " + line.detail; }

// The first index of `items` whose time is now or later, scanning back from the end: what
// happened at this very instant counts as "from now".
template <typename Items>
std::size_t from_this_instant(const Items& items, sim::Millis now) {
    std::size_t at = items.size();
    while (at > 0 && items[at - 1].at == now) --at;
    return at;
}

} // namespace

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

WatchFactory watch_condition(Condition condition) {
    return [condition](sim::VirtualSpeaker& w) {
        return Watch{[condition, &w] { return holds(condition, w); }, describe(condition)};
    };
}

WatchFactory watch_speech(std::string text) {
    text = lowercase(std::move(text));
    return [text](sim::VirtualSpeaker& w) {
        auto seen = std::make_shared<std::size_t>(from_this_instant(w.spoken(), w.now()));
        auto happened = [text, seen, &w] {
            for (; *seen < w.spoken().size(); ++*seen)
                if (lowercase(w.spoken()[*seen].text).find(text) != std::string::npos) return true;
            return false;
        };
        return Watch{happened, text.empty() ? "the device says anything" : "the device says \"" + text + "\""};
    };
}

WatchFactory watch_trace(std::string text) {
    text = lowercase(std::move(text));
    return [text](sim::VirtualSpeaker& w) {
        auto seen = std::make_shared<std::size_t>(from_this_instant(w.trace(), w.now()));
        // In a world of several speakers, only the addressed speaker's lines (and the world's).
        const std::optional<std::uint32_t> only =
            w.speaker_count() > 1 ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(w.focused())) : std::nullopt;
        auto happened = [text, seen, only, &w] {
            for (; *seen < w.trace().size(); ++*seen) {
                const sim::TraceLine& line = w.trace()[*seen];
                if (only && line.speaker != *only) continue;
                if (lowercase(trace_text(line)).find(text) != std::string::npos) return true;
            }
            return false;
        };
        return Watch{happened, "a trace record with \"" + text + "\""};
    };
}

WatchFactory watch_requests(RequestFilter filter, int count) {
    return [filter, count](sim::VirtualSpeaker& w) {
        auto scanned = std::make_shared<std::size_t>(w.cloud().journal().size());
        auto matched = std::make_shared<int>(0);
        auto happened = [filter, count, scanned, matched, &w] {
            const auto& journal = w.cloud().journal();
            for (; *scanned < journal.size(); ++*scanned) *matched += matches(filter, journal[*scanned]) ? 1 : 0;
            return *matched >= count;
        };
        return Watch{happened, std::to_string(count) + " " + describe(filter)};
    };
}

std::string recent_trace(const sim::VirtualSpeaker& world) {
    const auto& trace = world.trace();
    const std::size_t from = trace.size() > 3 ? trace.size() - 3 : 0;
    std::string out;
    for (std::size_t i = from; i < trace.size(); ++i) out += (out.empty() ? "\"" : ", \"") + trace_text(trace[i]) + "\"";
    return out.empty() ? "none yet" : out;
}

} // namespace ringside::runner
