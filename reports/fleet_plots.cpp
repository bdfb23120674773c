#include "reports/fleet_plots.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "sim/fleet/nearest_rank.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::reports {
namespace {

using text::format_timestamp;

constexpr int kWidth = 720, kHeight = 180, kLeft = 56, kBottom = 28, kTop = 10;
constexpr std::size_t kMaxPoints = 1200;
constexpr std::size_t kBins = 30;

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

void axis(std::ostream& out, const std::string& left_label, const std::string& right_label, const std::string& top_label) {
    const int w = kWidth - kLeft - 8, h = kHeight - kBottom - kTop;
    out << "<line x1=\"" << kLeft << "\" y1=\"" << kTop + h << "\" x2=\"" << kLeft + w << "\" y2=\"" << kTop + h
        << "\" stroke=\"#888\"/><line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\"" << kTop + h
        << "\" stroke=\"#888\"/>"
        << "<text x=\"" << kLeft << "\" y=\"" << kHeight - 8 << "\">" << left_label << "</text>"
        << "<text x=\"" << kLeft + w << "\" y=\"" << kHeight - 8 << "\" text-anchor=\"end\">" << right_label << "</text>"
        << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + 10 << "\" text-anchor=\"end\">" << top_label << "</text>"
        << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + h << "\" text-anchor=\"end\">0</text>";
}

void sign_in_histogram(std::ostream& out, const std::vector<std::optional<cloud::Millis>>& times) {
    std::vector<long long> done;
    for (const auto& t : times)
        if (t) done.push_back(t->count());
    std::sort(done.begin(), done.end());
    const std::size_t missing = times.size() - done.size();
    out << "<h3>sign-in time, power-on to linked (" << times.size() << " speakers";
    if (!done.empty()) {
        const auto at = [&](double p) { return format_timestamp(cloud::Millis(done[sim::nearest_rank(p, done.size()) - 1])); };
        out << "; p50 " << at(50) << ", p90 " << at(90) << ", p99 " << at(99) << ", max " << at(100);
    }
    if (missing) out << "; " << missing << " never signed in";
    out << ")</h3>\n";
    if (done.empty()) return;
    const long long top = std::max<long long>(done.back(), 1);
    std::vector<std::size_t> bins(kBins, 0);
    for (const long long t : done) ++bins[std::min<std::size_t>(kBins - 1, static_cast<std::size_t>(t * kBins / (top + 1)))];
    const std::size_t most = *std::max_element(bins.begin(), bins.end());
    const int w = kWidth - kLeft - 8, h = kHeight - kBottom - kTop;
    out << "<svg class=\"plot\" width=\"" << kWidth << "\" height=\"" << kHeight << "\" role=\"img\" aria-label=\"sign-in time histogram\">";
    axis(out, "0 s", format_timestamp(cloud::Millis(top)), std::to_string(most));
    const double bar = static_cast<double>(w) / kBins;
    for (std::size_t i = 0; i < kBins; ++i) {
        if (bins[i] == 0) continue;
        const double bh = static_cast<double>(h) * static_cast<double>(bins[i]) / static_cast<double>(most);
        out << "<rect x=\"" << num(kLeft + bar * static_cast<double>(i) + 1) << "\" y=\"" << num(kTop + h - bh) << "\" width=\""
            << num(bar - 2) << "\" height=\"" << num(bh) << "\" fill=\"#3b6fb6\"><title>" << bins[i] << " speakers</title></rect>";
    }
    out << "</svg>\n";
}

void request_rate(std::ostream& out, const std::vector<cloud::JournalEntry>& journal, cloud::Millis end) {
    const std::size_t seconds = static_cast<std::size_t>(end.count() / 1000) + 1;
    const std::size_t window = (seconds + kMaxPoints - 1) / kMaxPoints;  // seconds per point
    const std::size_t points = (seconds + window - 1) / window;
    // The busiest second of each window, so a one-second spike survives a long run's plot.
    std::vector<std::size_t> all(points, 0), token(points, 0);
    std::size_t second = 0, in_all = 0, in_token = 0, peak_all = 0, peak_token = 0;
    cloud::Millis peak_at{0};
    const auto close = [&] {
        const std::size_t p = std::min(points - 1, second / window);
        all[p] = std::max(all[p], in_all);
        token[p] = std::max(token[p], in_token);
        if (in_all > peak_all) peak_at = cloud::Millis(static_cast<long long>(second) * 1000);
        peak_all = std::max(peak_all, in_all);
        peak_token = std::max(peak_token, in_token);
    };
    for (const cloud::JournalEntry& e : journal) {
        const auto s = static_cast<std::size_t>(std::max<long long>(e.at.count(), 0) / 1000);
        if (s != second) {
            close();
            second = s;
            in_all = in_token = 0;
        }
        ++in_all;
        if (e.endpoint == "token") ++in_token;
    }
    close();
    out << "<h3>requests per second at the cloud (peak " << peak_all << " at " << format_timestamp(peak_at)
        << "; token requests peak " << peak_token << ")" << (window > 1 ? "; each point the busiest second of " + std::to_string(window) + " s" : "")
        << "</h3>\n";
    const int w = kWidth - kLeft - 8, h = kHeight - kBottom - kTop;
    const double top = static_cast<double>(std::max<std::size_t>(peak_all, 1));
    out << "<svg class=\"plot\" width=\"" << kWidth << "\" height=\"" << kHeight << "\" role=\"img\" aria-label=\"requests per second\">";
    axis(out, "0 s", format_timestamp(end), std::to_string(peak_all));
    const auto line = [&](const std::vector<std::size_t>& series, const char* colour) {
        out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1.2\" points=\"";
        for (std::size_t i = 0; i < series.size(); ++i)
            out << num(kLeft + static_cast<double>(w) * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(points - 1, 1)))
                << "," << num(kTop + h - static_cast<double>(h) * static_cast<double>(series[i]) / top) << " ";
        out << "\"/>";
    };
    line(all, "#9aa5b1");
    line(token, "#c2410c");
    out << "<text x=\"" << kLeft + w << "\" y=\"" << kTop + 10 << "\" text-anchor=\"end\" fill=\"#c2410c\">token</text>"
        << "<text x=\"" << kLeft + w << "\" y=\"" << kTop + 24 << "\" text-anchor=\"end\" fill=\"#7a8591\">all</text></svg>\n";
}

} // namespace

void write_fleet_plots(std::ostream& out, const std::vector<std::optional<cloud::Millis>>& sign_in_times,
                       const std::vector<cloud::JournalEntry>& journal, cloud::Millis end) {
    out << "<div class=\"fleet\">\n";
    sign_in_histogram(out, sign_in_times);
    request_rate(out, journal, end);
    out << "</div>\n";
}

} // namespace ringside::reports
