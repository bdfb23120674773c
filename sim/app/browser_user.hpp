#pragma once
// A person at the verification page (/device) in a browser: types the code the speaker
// shows, signs in with email and password, types the one-time code from an authenticator
// app when the account has two-step verification, and presses Allow or Deny. Everything
// goes through CloudAccess::handle as form POSTs, exactly what a browser would send, so
// the page's own checks decide. Trace lines name the account, the choices and the page's
// answer, never the password, the user code or the one-time code.
// Who may call: the world (VirtualSpeaker) and tests, with the cloud's virtual now.
#include <string>
#include <string_view>

#include "sim/app/page_sign_in.hpp"
#include "sim/board/trace_recorder.hpp"
#include "cloud/service/cloud_access.hpp"

namespace ringside::sim {

class BrowserUser {
public:
    BrowserUser(TraceRecorder& trace, cloud::CloudAccess& cloud) : trace_(trace), cloud_(cloud) {}

    // Submits the page once at `now` for `shown_code` (what the speaker displays).
    PageResult sign_in(std::string_view shown_code, const PageSignIn& form, cloud::Millis now);

private:
    TraceRecorder& trace_;
    cloud::CloudAccess& cloud_;
};

} // namespace ringside::sim
