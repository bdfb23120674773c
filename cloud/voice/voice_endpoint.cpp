#include "cloud/voice/voice_endpoint.hpp"

#include "cloud/oauth/client_authentication.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/voice/asr.hpp"

namespace ringside::cloud {
namespace {

Outcome answer(int status, std::string body, std::string error = {}) {
    Outcome out;
    out.response.status = status;
    out.response.body = std::move(body);
    out.error = std::move(error);
    return out;
}

// RFC 6750 §3: a bad token is named invalid_token; a request with no bearer token at all
// gets the bare challenge (§3.1: no error code when no credentials were sent).
Outcome unauthorized(bool sent_a_token = true) {
    Outcome out = answer(401, JsonObjectWriter().string("error", "invalid_token").finish(), "invalid_token");
    const std::string realm = "Bearer realm=\"" + std::string(kAuthRealm) + "\"";
    out.response.headers.emplace_back("WWW-Authenticate", sent_a_token ? realm + ", error=\"invalid_token\"" : realm);
    return out;
}

// Who spoke: the member whose voice pitch matches, else the account owner.
std::string speaker_of(const Account& account, int voice_index) {
    for (const auto& m : account.voice.members)
        if (m.voice == voice_index) return m.id;
    return account.id;
}

} // namespace

Outcome serve_voice(ServiceState& state, VoiceWorld& world, const CloudRequest& request, Millis now) {
    if (request.method != "POST") {
        // RFC 9110 §15.5.6: a 405 names the methods that would work.
        Outcome refused = answer(405, JsonObjectWriter().string("error", "method_not_allowed").finish(), "method_not_allowed");
        refused.response.headers.emplace_back("Allow", "POST");
        return refused;
    }
    const std::string bearer = "Bearer ";
    if (request.authorization.compare(0, bearer.size(), bearer) != 0) return unauthorized(!request.authorization.empty());
    const std::string token = request.authorization.substr(bearer.size());
    const auto account_id = state.tokens.access_token_account(token, now);
    if (!state.tokens.access_token_valid(token, now) || !account_id) return unauthorized();
    const Account* account = state.find_account(*account_id);
    if (!account) return unauthorized();

    const HeardUtterance heard = transcribe(request.body);
    if (heard.voice < 0) return answer(400, JsonObjectWriter().string("error", "no_speech").finish(), "no_speech");
    const std::string said = request_after_wake_word(heard.text, "alexa");
    const std::string member = speaker_of(*account, heard.voice);
    const VoiceAnswer reply = world.answer(*account, member, said);

    JsonObjectWriter json;
    json.string("speech", reply.speech).string("member", member);
    if (reply.recordings_deleted) json.boolean("recordings_deleted", true);
    return answer(200, json.finish());
}

} // namespace ringside::cloud
