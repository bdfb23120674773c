#pragma once
// The voice side of the speaker: wake word, endpointing, local commands, cloud requests,
// Follow-Up mode and the mic mute.
//
//   Idle --utterance starting with the wake word--> Listening
//   Speaking --wake word (barge-in)--> Listening (the sentence is cut short)
//   FollowUp --any utterance starts (within kFollowUpWindow)--> Listening
//   FollowUp --kFollowUpWindow passes--> Idle
//   Listening --endpoint, local command--> Speaking (time) | Idle (stop, volume)
//   Listening --endpoint, needs the account, linked--> Thinking --reply--> Speaking
//   Listening --endpoint, needs the account, not linked--> Speaking ("can't reach")
//   Thinking --401--> Speaking ("ask me again"; the auth client refreshes at once)
//   Speaking --said--> FollowUp
// The audio is never kept whole (it would not fit a microcontroller's RAM): on entering
// Listening while linked, the request to the voice API opens as a streamed upload and the
// utterance's audio follows it as it is captured, from the wake-word pre-roll on, as AVS
// devices stream theirs. At the endpoint a cloud request's body ends; anything else (a local
// command, a lost link) cancels it, so the cloud never gets a whole request. A 401 cannot be
// retried with audio that has already left: the speaker refreshes and asks again.
// Mute is orthogonal: the microphone's capture is cut (no frames at all) and the ring is
// solid red until unmuted. The utterance ring is zeroed after every use.
// Who may call: the Speaker's event routing only; observation from anyone.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/auth/auth_client.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/core/request_buffer.hpp"
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/board.hpp"
#include "firmware/voice/local_commands.hpp"
#include "firmware/voice/utterance_capture.hpp"

namespace ringside::fw {

inline constexpr hal::Millis kFollowUpWindow{5'000};
inline constexpr hal::Millis kVolumeShownFor{2'000};
inline constexpr hal::Millis kVoiceRequestTimeout{10'000};
inline constexpr std::string_view kWakeWord = "alexa";
inline constexpr std::string_view kVoicePath = "/v1/voice";
inline constexpr int kMaxVolume = 10;

enum class VoiceState : std::uint8_t { Idle, Listening, Thinking, Speaking, FollowUp };
std::string_view to_string(VoiceState s);

class VoiceAssistant {
public:
    // `scratch` is the Speaker's shared request buffer (firmware/core/request_buffer.hpp).
    VoiceAssistant(const hal::Board& board, const Tracer& tracer, AuthClient& auth, std::string_view issuer,
                   RequestBuffer& scratch);

    void power_on();  // capture on (unless muted), Idle
    // The owner wiped the speaker: any conversation, request in flight and buffered audio
    // end; mute is a hardware switch and stays as it is.
    void factory_reset();
    // The account removed this speaker (the refresh token was refused): the same ending as a
    // factory reset, so a request in flight is cancelled and its late answer dropped, no
    // reply, "something went wrong" or Follow-Up window follows, and the ring is free for
    // signed_out. Call before the lifecycle speaks the sign-out, which this would cut short.
    void signed_out();
    void on_mic_frame(const MicFrame& frame);
    void on_speech_done();
    void on_button(hal::Button button);  // MicMute, VolumeUp, VolumeDown (press edges)
    static bool owns_timer(hal::TimerId id);
    void on_timer(hal::TimerId id);
    bool owns_request(hal::RequestId id) const { return in_flight_ && id == request_id_; }
    void on_http(const hal::HttpResponse& response);
    // After on_http: true once when the API refused the access token; the Speaker then
    // asks the auth client for an immediate refresh.
    bool take_token_rejection();

    VoiceState state() const { return state_; }
    bool muted() const { return muted_; }
    int volume() const { return volume_; }
    // Samples of speech held on the device now, on their way out (0 once it has been used).
    std::size_t buffered_audio_samples() const { return capture_.held_samples(); }
    // The pattern the voice side wants on the ring now, if any (mute wins).
    bool ring_override(RingPattern& out) const;

private:
    enum class Input : std::uint8_t { Wake, FollowUpHeard, Endpoint, Reply, Unauthorized, ReplyFailed, Said, FollowUpOver };
    // The voice request's streamed upload, while Listening.
    enum class Upload : std::uint8_t { None, Open, Broken };
    // Bytes per body piece: 20 ms of 8 kHz L16 (a 10 ms frame goes as it comes).
    static constexpr std::size_t kUploadPiece = 320;
    // The machine's one transition function.
    void step(Input input);
    void enter(VoiceState next);
    void handle_request();
    void handle_local(voice::LocalCommand command);
    void open_upload();
    void pass_audio();
    void cancel_upload();
    void finish_upload();
    void say(std::string_view text);
    void set_volume(int volume);
    void clear_audio();
    void end_conversation();  // factory_reset() and signed_out()

    hal::Board board_;
    const Tracer& tracer_;
    AuthClient& auth_;
    voice::UtteranceCapture capture_;
    VoiceState state_ = VoiceState::Idle;
    bool muted_ = false;
    bool ignoring_ = false;      // this utterance is not for us (no wake word)
    bool wake_in_utterance_ = false;
    bool token_rejected_ = false;   // for the Speaker to pass on to the auth client
    int rejected_in_a_row_ = 0;     // 401s since the last answer: a second means refreshing did not help
    Upload upload_ = Upload::None;
    bool in_flight_ = false;        // the request is whole and its answer awaited
    bool volume_shown_ = false;
    int volume_ = 5;
    hal::RequestId request_id_ = 0;
    hal::RequestId next_id_ = 0;  // request_ids::kVoice, from its first id
    FixedString<AuthClient::kMaxUrl> url_;
    FixedString<voice::kMaxText> request_;      // the request text (without wake word)
    RequestBuffer& scratch_;  // the Authorization header, only while a request head goes out
    FixedString<512> reply_;
};

} // namespace ringside::fw
