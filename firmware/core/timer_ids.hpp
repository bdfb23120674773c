#pragma once
// The firmware's named timers: one id per purpose, so re-arming replaces, never stacks.
#include "firmware/hal/timers.hpp"

namespace ringside::fw::timer {

inline constexpr hal::TimerId kBoot = 0;        // boot animation done
// 1: unused (the ring is rendered when its LEDs are refreshed, not on a timer)
inline constexpr hal::TimerId kActionHold = 2;  // Action held long enough to factory-reset
inline constexpr hal::TimerId kAuthPoll = 3;    // next token poll
inline constexpr hal::TimerId kAuthRefresh = 4; // refresh ahead of access-token expiry
inline constexpr hal::TimerId kAuthRetry = 5;   // back-off after a failed request
inline constexpr hal::TimerId kCodeExpiry = 6;  // device code lifetime over
inline constexpr hal::TimerId kTokenExpiry = 7; // access token lapsed
inline constexpr hal::TimerId kWifiRetry = 8;   // re-join after a failed association
inline constexpr hal::TimerId kHttpTimeout = 9;   // the outstanding auth request took too long
inline constexpr hal::TimerId kWifiErrorShown = 10; // purple shown long enough after a failed join
inline constexpr hal::TimerId kFollowUp = 11;      // Follow-Up listening window over
inline constexpr hal::TimerId kVolumeShown = 12;   // the volume arc has been shown long enough
inline constexpr hal::TimerId kVoiceRequest = 13;  // the cloud voice request took too long
inline constexpr hal::TimerId kSettingsRetry = 14;   // next settings download attempt
inline constexpr hal::TimerId kSettingsTimeout = 15; // the settings request took too long
inline constexpr hal::TimerId kSignedOutShown = 16;  // signed-out pattern shown long enough

// Timers are numbered densely from 0; factory reset cancels every id below this.
inline constexpr hal::TimerId kCount = 17;
static_assert(kCount <= hal::kMaxTimers, "the backend stores at most kMaxTimers timers");

} // namespace ringside::fw::timer
