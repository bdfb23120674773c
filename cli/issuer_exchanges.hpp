#pragma once
// The exchanges a speaker had with a real authorization server, as lines a person reads in
// a terminal: `ringside signin` and `ringside demo --issuer` print them alike. Each
// exchange is "http METHOD PATH (endpoint) -> STATUS [error]" (from IssuerCloud's journal:
// never a body, token or code), and each refresh (grant_type refresh_token) gets a second
// line with its outcome and running number, "refresh 2 -> 200 (tokens issued)", so a
// support engineer sees that refreshes against that server keep working.
// Who may call: the thread that runs the speaker's world (the journal is its).
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cli {

class ExchangeLines {
public:
    // Writes the entries `journal` gained since the last call, each line starting with
    // `prefix` (the time it is printed at).
    void print_new(const std::vector<cloud::JournalEntry>& journal, const std::string& prefix, std::ostream& out);

    int refreshes() const { return refreshes_; }        // refresh exchanges so far
    int refreshes_issued() const { return issued_; }    // of which answered 2xx

private:
    std::size_t seen_ = 0;
    int refreshes_ = 0, issued_ = 0;
};

} // namespace ringside::cli
