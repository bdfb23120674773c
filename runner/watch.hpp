#pragma once
// What an expectation can wait for, watched from the moment its step plays: a state that
// holds, a sentence the speaker starts, a trace record, requests the cloud sees. One shape
// for all of them, so expect_never, expect_trace and expect_any (one of several outcomes)
// combine them freely. Texts match case-insensitively, anywhere in the sentence or in the
// trace record's "category event detail".
// Who may call: the step parsers (runner/steps/); a WatchFactory is called when the step
// plays, on the world's thread.
#include <functional>
#include <string>

#include "runner/condition.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

struct Watch {
    std::function<bool()> happened;  // checked again after every event
    std::string what;                // "auth linked", "the device says \"denied\"", ...
};
using WatchFactory = std::function<Watch(sim::VirtualSpeaker& world)>;

// The device/auth/ring facts hold.
WatchFactory watch_condition(Condition condition);
// A sentence the device starts from now (one started at this very instant counts) contains
// `text`; an empty text: any sentence.
WatchFactory watch_speech(std::string text);
// A trace record from now (this instant's count) contains `text`.
WatchFactory watch_trace(std::string text);
// At least `count` requests matching `filter` reach the cloud from now.
WatchFactory watch_requests(RequestFilter filter, int count);

// The last few trace records, "category event detail" each, for a failure message.
std::string recent_trace(const sim::VirtualSpeaker& world);
std::string lowercase(std::string text);

} // namespace ringside::runner
