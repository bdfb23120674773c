#pragma once
// Journal entries and voice-API state as JSON: what the admin API answers and what the
// cloud client reads back, so a remote cloud's journal is the same vector as a local one.
// Neither holds a secret (journal.hpp, voice_world.hpp).
// Who may call: the admin API (encode) and the cloud client (decode).
#include <optional>
#include <string>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/voice/voice_world.hpp"

namespace ringside::cloud {

std::string encode_journal_entry(const JournalEntry& entry);
// The `entries` of an admin journal answer ({"count":N,"entries":[...]}).
std::optional<std::vector<JournalEntry>> decode_journal(const std::string& json, std::string& why);
// The `dropped` of an admin journal answer: entries the server's ring no longer holds (0
// when absent or unreadable; decode_journal judges the rest).
std::uint64_t journal_dropped(const std::string& json);

std::string encode_voice_state(const AccountVoiceState& state);
std::optional<AccountVoiceState> decode_voice_state(const std::string& json, std::string& why);

} // namespace ringside::cloud
