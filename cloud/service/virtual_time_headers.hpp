#pragma once
// Headers by which a cloud on a virtual clock (a tenant of `ringside cloud`) tells its
// client what a real-time cloud would have done: hold the answer, dribble it,
// never send it, or break the exchange. Values are milliseconds ("1" for the drop; the
// break's kind by name, as in the fault catalogue). Shared by the server that
// writes them and the client that plays them in the world's virtual time.
#include <string_view>

namespace ringside::cloud {

inline constexpr const char* kVirtualDelayHeader = "X-Ringside-Virtual-Delay-Ms";
inline constexpr const char* kVirtualDribbleHeader = "X-Ringside-Virtual-Dribble-Ms";
inline constexpr const char* kVirtualDropHeader = "X-Ringside-Virtual-Drop";
inline constexpr const char* kVirtualBreakHeader = "X-Ringside-Virtual-Break";

} // namespace ringside::cloud
