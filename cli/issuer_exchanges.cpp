#include "cli/issuer_exchanges.hpp"

namespace ringside::cli {

void ExchangeLines::print_new(const std::vector<cloud::JournalEntry>& journal, const std::string& prefix,
                              std::ostream& out) {
    for (; seen_ < journal.size(); ++seen_) {
        const cloud::JournalEntry& e = journal[seen_];
        // status 0: no HTTP answer; the error then names the transport failure.
        const std::string outcome = (e.status == 0 ? std::string("no answer") : std::to_string(e.status)) +
                                    (e.error.empty() ? "" : " " + e.error);
        out << prefix << "http " << e.method << " " << e.path << " (" << e.endpoint << ") -> " << outcome << "\n";
        if (e.grant_type != "refresh_token") continue;
        ++refreshes_;
        const bool issued = e.status / 100 == 2;
        issued_ += issued;
        out << prefix << "refresh " << refreshes_ << " -> " << outcome
            << (issued                                   ? " (tokens issued)"
                : e.status == 0 || e.status == 429 || e.status >= 500 ? " (the speaker retries)"
                                                         : " (refused)")
            << "\n";
    }
}

} // namespace ringside::cli
