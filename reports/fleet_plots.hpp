#pragma once
// The figures of a world of several speakers, drawn as inline SVG for the HTML report: a
// histogram of the speakers' sign-in times, and the requests per second the cloud saw over
// virtual time (all requests, and token requests), so a thundering herd shows as a spike.
// Cost: linear in the speakers and the journal; the plot holds at most about 1,200 points
// whatever the run's length (each point the busiest second of its window).
// Who may call: the HTML report writer.
#include <optional>
#include <ostream>
#include <vector>

#include "cloud/service/cloud_types.hpp"

namespace ringside::reports {

// `sign_in_times`: one per speaker, nullopt for one that never signed in; `end`: the run's
// virtual end.
void write_fleet_plots(std::ostream& out, const std::vector<std::optional<cloud::Millis>>& sign_in_times,
                       const std::vector<cloud::JournalEntry>& journal, cloud::Millis end);

} // namespace ringside::reports
