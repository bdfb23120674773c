#include "cloud/codec/journal_json.hpp"

#include "cloud/service/json_writer.hpp"
#include "cloud/codec/json_tree.hpp"

namespace ringside::cloud {

std::string encode_journal_entry(const JournalEntry& e) {
    return JsonObjectWriter()
        .number("at_ms", e.at.count())
        .string("method", e.method)
        .string("path", e.path)
        .string("endpoint", e.endpoint)
        .string("grant_type", e.grant_type)
        .string("client_id", e.client_id)
        .number("status", e.status)
        .string("error", e.error)
        .boolean("faulted", e.faulted)
        .number("delay_ms", e.delay.count())
        .finish();
}

std::optional<std::vector<JournalEntry>> decode_journal(const std::string& json, std::string& why) {
    why.clear();
    const YAML::Node root = parse_json(json, why);
    if (!why.empty()) return std::nullopt;
    if (!root["entries"].IsSequence()) {
        why = "a journal answer needs an entries array";
        return std::nullopt;
    }
    std::vector<JournalEntry> out;
    try {
        for (const YAML::Node& n : root["entries"]) {
            JournalEntry e;
            e.at = Millis(n["at_ms"].as<long long>());
            e.method = n["method"].as<std::string>();
            e.path = n["path"].as<std::string>();
            e.endpoint = n["endpoint"].as<std::string>();
            e.grant_type = n["grant_type"].as<std::string>();
            e.client_id = n["client_id"].as<std::string>();
            e.status = n["status"].as<int>();
            e.error = n["error"].as<std::string>();
            e.faulted = n["faulted"].as<bool>();
            e.delay = Millis(n["delay_ms"].as<long long>());
            out.push_back(std::move(e));
        }
    } catch (const YAML::Exception& e) {
        why = std::string("a journal entry is incomplete: ") + e.what();
        return std::nullopt;
    }
    return out;
}

std::uint64_t journal_dropped(const std::string& json) {
    std::string why;
    const YAML::Node root = parse_json(json, why);
    if (!why.empty() || !root["dropped"]) return 0;
    try {
        return root["dropped"].as<std::uint64_t>();
    } catch (const YAML::Exception&) {
        return 0;
    }
}

std::string encode_voice_state(const AccountVoiceState& s) {
    return JsonObjectWriter()
        .boolean("lights_on", s.lights_on)
        .number("recordings", s.recordings)
        .string_array("purchases", s.purchases)
        .number("spent", s.spent)
        .number("wrong_codes", s.wrong_codes)
        .boolean("purchasing_locked", s.purchasing_locked)
        .string("pending_item", s.pending_item)
        .number("pending_price", s.pending_price)
        .finish();
}

std::optional<AccountVoiceState> decode_voice_state(const std::string& json, std::string& why) {
    why.clear();
    const YAML::Node n = parse_json(json, why);
    if (!why.empty()) return std::nullopt;
    try {
        AccountVoiceState s;
        s.lights_on = n["lights_on"].as<bool>();
        s.recordings = n["recordings"].as<int>();
        for (const YAML::Node& p : n["purchases"]) s.purchases.push_back(p.as<std::string>());
        s.spent = n["spent"].as<int>();
        s.wrong_codes = n["wrong_codes"].as<int>();
        s.purchasing_locked = n["purchasing_locked"].as<bool>();
        s.pending_item = n["pending_item"].as<std::string>();
        s.pending_price = n["pending_price"].as<int>();
        return s;
    } catch (const YAML::Exception& e) {
        why = std::string("a voice state is incomplete: ") + e.what();
        return std::nullopt;
    }
}

} // namespace ringside::cloud
