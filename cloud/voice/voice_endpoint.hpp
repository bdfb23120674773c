#pragma once
// POST /v1/voice: the voice API. Body: the utterance as little-endian 16-bit PCM at 8 kHz
// (Content-Type audio/L16;rate=8000) in the speech wire format, heard by the cloud's own
// recognizer (asr.hpp).
// Authorization: Bearer <access token> (401 invalid_token otherwise). Answers
// {"speech": "...", "member": "<who spoke>"} plus "recordings_deleted": true after a
// deletion. Who may call: CloudService::handle.
#include "cloud/oauth/oauth_response.hpp"
#include "cloud/service/service_state.hpp"
#include "cloud/voice/voice_world.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kVoicePath = "/v1/voice";

Outcome serve_voice(ServiceState& state, VoiceWorld& world, const CloudRequest& request, Millis now);

} // namespace ringside::cloud
