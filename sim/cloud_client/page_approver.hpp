#pragma once
// A person approving a speaker's user code at a `ringside cloud`'s verification page
// (/device), over real HTTP(S): one form POST with the code, the account's email and
// password and Allow, exactly what the page's browser form sends (docs/cloud.md). For load
// tests (`ringside fleet --approve-as EMAIL`), where nobody can type a thousand codes.
// Any RFC 8628 server has a page of its own design; this one speaks ringside cloud's only.
// Accounts with two-step verification are not supported (their one-time code is not ours).
// Nothing here prints or keeps the password or the code beyond the call.
// Who may call: one thread at a time per PageApprover (each owns its connections).
#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace ringside::cloud {

struct PageApproverOptions {
    std::string email;
    std::string password;  // never logged, never printed
    std::string ca_file;   // PEM CA for an https page; empty: the system's store
    std::chrono::milliseconds connect_timeout{3'000};
    std::chrono::milliseconds read_timeout{10'000};
};

struct PageApproval {
    int status = 0;            // the page's HTTP status; 0: no answer
    std::string failure;       // with status 0: "connection_failed", "timeout", "tls_failed", "broken"
    bool approved() const { return status == 200; }
};

class PageApprover {
public:
    explicit PageApprover(PageApproverOptions options);
    ~PageApprover();

    // Submits the page at `verification_uri` (the speaker's, an absolute http(s) URL) for
    // `user_code`. Blocks for one round trip, bounded by the options' timeouts.
    PageApproval approve(const std::string& verification_uri, const std::string& user_code);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::cloud
