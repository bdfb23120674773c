#pragma once
// Secrets out of what a run writes for people and CI: every secret the run used (tokens,
// codes, passwords — ScenarioResult::secrets) becomes "[redacted]" in a text, as given and
// form-encoded, longest first so a token is never half replaced by a shorter secret in it.
// Applied to every text a report or the console shows (step text, failure text, trace
// details, journal fields). `words` (voice purchase codes) are replaced only where they stand
// as a whole word, not inside other digits or letters. Who may call: the runner, when it writes results and reports.
#include <set>
#include <string>
#include <vector>

namespace ringside::reports {

class Redaction {
public:
    explicit Redaction(const std::set<std::string>& secrets, const std::set<std::string>& words = {});
    std::string operator()(std::string text) const;

private:
    std::vector<std::string> secrets_;  // longest first
    std::vector<std::string> words_;
};

} // namespace ringside::reports
