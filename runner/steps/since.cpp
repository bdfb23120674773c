#include "runner/steps/since.hpp"

namespace ringside::runner {

Since read_since(ScenarioNode& a) {
    Since since;
    if (auto n = a.get("since")) {
        const std::string v = n->str();
        if (v == "start") since.kind = Since::Kind::Start;
        else if (v == "step") since.kind = Since::Kind::Step;
        else if (!v.empty()) since = Since{Since::Kind::Mark, v};
        else n->fail("expected 'start', 'step' or the name of an earlier 'mark' step");
    }
    return since;
}

// The journal index a count starts at, or the failure when the mark was never set.
std::optional<std::size_t> start_of(const Since& since, sim::VirtualSpeaker& w, std::string& failure) {
    switch (since.kind) {
        case Since::Kind::Start: return 0;
        case Since::Kind::Step: return w.cloud().journal().size();
        case Since::Kind::Mark:
            if (auto m = w.mark(since.mark)) return m->journal;
            failure = "no 'mark: " + since.mark + "' was played before this step";
            return std::nullopt;
    }
    return 0;
}

std::string since_text(const Since& since) {
    switch (since.kind) {
        case Since::Kind::Start: return "";
        case Since::Kind::Step: return " since this step";
        case Since::Kind::Mark: return " since mark " + since.mark;
    }
    return "";
}

std::optional<Millis> start_time(const Since& since, sim::VirtualSpeaker& w, std::string& failure) {
    switch (since.kind) {
        case Since::Kind::Start: return Millis(0);
        case Since::Kind::Step: return w.now();
        case Since::Kind::Mark:
            if (auto m = w.mark(since.mark)) return m->at;
            failure = "no 'mark: " + since.mark + "' was played before this step";
            return std::nullopt;
    }
    return Millis(0);
}

} // namespace ringside::runner
