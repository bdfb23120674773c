#include "sim/cloud/voice/voice_endpoint.hpp"

#include <cstdint>
#include <vector>

#include "firmware/voice/local_commands.hpp"
#include "firmware/voice/tone_codec.hpp"
#include "firmware/voice/utterance_capture.hpp"
#include "sim/cloud/json_writer.hpp"

namespace ringside::cloud {
namespace {

namespace voice = fw::voice;

Outcome answer(int status, std::string body, std::string error = {}) {
    Outcome out;
    out.response.status = status;
    out.response.body = std::move(body);
    out.error = std::move(error);
    return out;
}

Outcome unauthorized() {
    Outcome out = answer(401, JsonObjectWriter().string("error", "invalid_token").finish(), "invalid_token");
    out.response.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return out;
}

// Who spoke: the member whose voice pitch matches, else the account owner.
std::string speaker_of(const Account& account, int voice_index) {
    for (const auto& m : account.voice.members)
        if (m.voice == voice_index) return m.id;
    return account.id;
}

} // namespace

HeardUtterance decode_utterance(const std::string& bytes) {
    HeardUtterance heard;
    std::vector<std::int16_t> pcm(bytes.size() / 2);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const auto lo = static_cast<unsigned char>(bytes[2 * i]);
        const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
        pcm[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
    }
    if (pcm.size() < voice::kPreambleSamples) return heard;
    heard.voice = voice::detect_voice(pcm.data());
    // The device streams until its endpoint, so the quiet it waited through comes too: the
    // speech ends at the first symbol with no voice in it, as an ASR's endpointer decides.
    for (std::size_t at = voice::kPreambleSamples; at + voice::kSymbolSamples <= pcm.size(); at += voice::kSymbolSamples) {
        if (voice::mean_power(pcm.data() + at, voice::kSymbolSamples) <= voice::kSpeechPower) break;
        heard.text.push_back(voice::detect_symbol(pcm.data() + at));
    }
    return heard;
}

Outcome serve_voice(ServiceState& state, VoiceWorld& world, const CloudRequest& request, Millis now) {
    if (request.method != "POST") return answer(405, JsonObjectWriter().string("error", "method_not_allowed").finish(), "method_not_allowed");
    const std::string bearer = "Bearer ";
    if (request.authorization.compare(0, bearer.size(), bearer) != 0) return unauthorized();
    const std::string token = request.authorization.substr(bearer.size());
    const auto account_id = state.tokens.access_token_account(token, now);
    if (!state.tokens.access_token_valid(token, now) || !account_id) return unauthorized();
    const Account* account = state.find_account(*account_id);
    if (!account) return unauthorized();

    const HeardUtterance heard = decode_utterance(request.body);
    if (heard.voice < 0) return answer(400, JsonObjectWriter().string("error", "no_speech").finish(), "no_speech");
    std::string said = heard.text;
    if (voice::starts_with_wake_word(said, "alexa")) said = std::string(voice::strip_wake_word(said, "alexa"));
    const std::string member = speaker_of(*account, heard.voice);
    const VoiceAnswer reply = world.answer(*account, member, said);

    JsonObjectWriter json;
    json.string("speech", reply.speech).string("member", member);
    if (reply.recordings_deleted) json.boolean("recordings_deleted", true);
    return answer(200, json.finish());
}

} // namespace ringside::cloud
