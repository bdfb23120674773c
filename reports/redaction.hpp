#pragma once
// Secrets out of what a run writes for people and CI: every secret the run used (tokens,
// codes, passwords — ScenarioResult::secrets) becomes "[redacted]" in a text, as given and
// form-encoded. Where occurrences overlap, one mark covers them all, so no part of a secret
// is left beside a mark. Secrets under 4 bytes are not searched for (SecretWitness never
// collects them). Cost: linear in each text, whatever the number of secrets (PhraseFinder).
// Applied to every text a report or the console shows (step text, failure text, trace
// details, journal fields). `words` (voice purchase codes) are replaced only where they stand
// as a whole word, not inside other digits or letters. Who may call: the runner, when it writes results and reports.
#include <set>
#include <string>
#include <vector>

#include "reports/phrase_finder.hpp"

namespace ringside::reports {

class Redaction {
public:
    explicit Redaction(const std::set<std::string>& secrets, const std::set<std::string>& words = {});
    std::string operator()(std::string text) const;
    // Whether any secret occurs in `text`, as given or form-encoded (words not counted).
    bool finds_secret_in(std::string_view text) const { return secrets_.occurs_in(text); }

private:
    PhraseFinder secrets_;
    std::vector<std::string> words_;
};

} // namespace ringside::reports
