#include "reports/vcd_writer.hpp"

#include <algorithm>
#include <bitset>

namespace ringside::reports {
namespace {

// VCD identifiers: short printable codes, '!' onwards.
std::string code_for(std::size_t i) {
    std::string code;
    do {
        code += static_cast<char>('!' + i % 94);
        i /= 94;
    } while (i);
    return code;
}

bool is_binary(const Track& t) { return t.name == "power" || t.name.rfind("button.", 0) == 0; }

std::string binary_value(const std::string& v) { return v == "on" || v == "pressed" ? "1" : "0"; }

std::string vector_value(const Track& t, const std::string& v) {
    const auto index = std::find(t.values.begin(), t.values.end(), v) - t.values.begin();
    std::string bits = std::bitset<8>(static_cast<unsigned long long>(index)).to_string();
    bits.erase(0, std::min(bits.find('1'), bits.size() - 1));  // VCD drops leading zeros
    return "b" + bits + " ";
}

std::string safe_name(std::string s) {
    std::replace(s.begin(), s.end(), ' ', '_');
    std::replace(s.begin(), s.end(), '.', '_');
    return s;
}

} // namespace

void write_vcd(std::ostream& out, const SignalTimeline& t, const std::string& scenario_name) {
    const std::vector<std::string> event_names{"http_request", "http_response", "speech"};
    out << "$comment " << scenario_name << " $end\n$version ringside $end\n$timescale 1ms $end\n";
    out << "$scope module speaker $end\n";
    for (std::size_t i = 0; i < t.tracks.size(); ++i) {
        const Track& track = t.tracks[i];
        out << "$var wire " << (is_binary(track) ? 1 : 8) << " " << code_for(i) << " " << safe_name(track.name) << " $end\n";
    }
    for (std::size_t e = 0; e < event_names.size(); ++e)
        out << "$var event 1 " << code_for(t.tracks.size() + e) << " " << event_names[e] << " $end\n";
    out << "$upscope $end\n";
    for (const Track& track : t.tracks) {
        if (is_binary(track)) continue;
        out << "$comment " << track.name << " values:";
        for (std::size_t v = 0; v < track.values.size(); ++v) out << " " << v << "=" << track.values[v];
        out << " $end\n";
    }
    out << "$enddefinitions $end\n";

    // Merge every change and event into one time-ordered list.
    struct Item {
        Millis at;
        std::size_t order;
        std::string line;
    };
    std::vector<Item> items;
    for (std::size_t i = 0; i < t.tracks.size(); ++i) {
        const Track& track = t.tracks[i];
        for (const Change& c : track.changes)
            items.push_back({c.at, items.size(),
                             (is_binary(track) ? binary_value(c.value) : vector_value(track, c.value)) + code_for(i)});
    }
    for (const Mark& m : t.marks) {
        const std::string name = m.category == "speech" ? "speech" : m.category == "http" ? "http_" + m.event : "";
        const auto e = std::find(event_names.begin(), event_names.end(), name);
        if (e != event_names.end())
            items.push_back({m.at, items.size(), "1" + code_for(t.tracks.size() + static_cast<std::size_t>(e - event_names.begin()))});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });
    long long now = -1;
    for (const Item& item : items) {
        if (item.at.count() != now) {
            now = item.at.count();
            out << "#" << now << "\n";
        }
        out << item.line << "\n";
    }
    if (t.end.count() > now) out << "#" << t.end.count() << "\n";
}

} // namespace ringside::reports
