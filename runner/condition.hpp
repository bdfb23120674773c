#pragma once
// Evaluating and describing the facts scenarios expect of the speaker.
#include <string>

#include "runner/scenario.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

bool holds(const Condition& condition, const sim::VirtualSpeaker& speaker);
// "device linked, auth linked"
std::string describe(const Condition& condition);
// What the speaker shows now: "device authorizing, auth awaiting_approval, ring authorizing".
std::string describe_now(const sim::VirtualSpeaker& speaker);

bool matches(const RequestFilter& filter, const cloud::JournalEntry& entry);
std::string describe(const RequestFilter& filter);

} // namespace ringside::runner
