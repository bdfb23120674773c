#pragma once
// Headers by which a cloud on a virtual clock (a tenant of `ringside cloud`) tells its
// client what a real-time cloud would have done in time: hold the answer, dribble it, or
// never send it. Values are milliseconds ("1" for the drop). Shared by the server that
// writes them and the client that plays them in the world's virtual time.
#include <string_view>

namespace ringside::cloud {

inline constexpr const char* kVirtualDelayHeader = "X-Ringside-Virtual-Delay-Ms";
inline constexpr const char* kVirtualDribbleHeader = "X-Ringside-Virtual-Dribble-Ms";
inline constexpr const char* kVirtualDropHeader = "X-Ringside-Virtual-Drop";

} // namespace ringside::cloud
