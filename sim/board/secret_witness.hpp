#pragma once
// Collects every secret value that crossed the wire between the speaker and the mock cloud
// (tokens, refresh tokens, device codes, user codes, passwords and one-time codes in request
// forms and response JSON), so a test can prove none of them leaked into a trace, a
// sentence, the journal or a report. It reads what the cloud really issued and received,
// not guesses. Test face only: nothing in the product consults it.
// Who may call: the world's transport (see), tests (secrets).
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "cloud/service/cloud_types.hpp"

namespace ringside::sim {

class SecretWitness {
public:
    void see(const cloud::CloudRequest& request, const cloud::CloudResponse& response);
    // A secret the world itself handed over (a Wi-Fi or account password, an MFA code).
    void add(std::string_view secret);

    // Every distinct secret seen, each at least 4 characters (shorter values are not
    // meaningful to search for), sorted. Builds the set: call once, at the end of a run.
    std::set<std::string> secrets() const { return {secrets_.begin(), secrets_.end()}; }

    // The secret field names looked for, in forms and JSON alike.
    static bool is_secret_field(std::string_view name);

private:
    void scan_form(std::string_view body);
    void scan_json(std::string_view body);

    // Hashed, not sorted: a fleet's run sees hundreds of thousands of tokens that share their
    // prefix, each several times, and a sorted set compares that prefix on every insert.
    std::unordered_set<std::string> secrets_;
};

} // namespace ringside::sim
