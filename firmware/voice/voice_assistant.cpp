#include "firmware/voice/voice_assistant.hpp"

#include "firmware/core/build_time.hpp"
#include "firmware/core/request_ids.hpp"

#include "firmware/core/json_reader.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {

std::string_view to_string(VoiceState s) {
    switch (s) {
        case VoiceState::Idle: return "idle";
        case VoiceState::Listening: return "listening";
        case VoiceState::Thinking: return "thinking";
        case VoiceState::Speaking: return "speaking";
        case VoiceState::FollowUp: return "follow_up";
    }
    return "unknown";
}

VoiceAssistant::VoiceAssistant(const hal::Board& board, const Tracer& tracer, AuthClient& auth, std::string_view issuer,
                               RequestBuffer& scratch)
    : board_(board), tracer_(tracer), auth_(auth), scratch_(scratch) {
    if (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
    url_.append_clipped(issuer);
    url_.append_clipped(kVoicePath);
}

void VoiceAssistant::power_on() {
    board_.mic.set_capture(!muted_);
    enter(VoiceState::Idle);
}

void VoiceAssistant::factory_reset() { end_conversation(); }

void VoiceAssistant::signed_out() {
    if (state_ != VoiceState::Idle || in_flight_ || upload_ != Upload::None) tracer_.emit("voice", "reset", "signed_out");
    end_conversation();
}

void VoiceAssistant::end_conversation() {
    cancel_upload();
    board_.timers.cancel(timer::kVoiceRequest);
    board_.timers.cancel(timer::kFollowUp);
    if (in_flight_) board_.http.cancel(request_id_);
    in_flight_ = false;
    token_rejected_ = ignoring_ = wake_in_utterance_ = false;
    rejected_in_a_row_ = 0;
    volume_shown_ = false;
    board_.speech.stop();
    clear_audio();
    enter(VoiceState::Idle);
}

void VoiceAssistant::on_mic_frame(const MicFrame& frame) {
    const auto result = capture_.on_frame(frame.samples, frame.count);
    if (result == voice::UtteranceCapture::Result::None) return;
    if (result == voice::UtteranceCapture::Result::Started) {
        ignoring_ = false;
        wake_in_utterance_ = false;
        if (state_ == VoiceState::FollowUp) step(Input::FollowUpHeard);
    }
    const std::string_view heard = capture_.text();
    // The wake word is listened for when idle and also while speaking (barge-in: "alexa, stop").
    if ((state_ == VoiceState::Idle || state_ == VoiceState::Speaking) && !ignoring_) {
        const bool ended = result == voice::UtteranceCapture::Result::Ended;
        // "alexa" must be a word of its own: followed by more, or the end of the utterance.
        if (voice::starts_with_wake_word(heard, kWakeWord) && (heard.size() > kWakeWord.size() || ended)) {
            wake_in_utterance_ = true;
            step(Input::Wake);
        } else if (!voice::may_be_wake_word(heard, kWakeWord)) {
            ignoring_ = true;  // not addressed to us: the rest of it is not even decoded for meaning
        }
    }
    pass_audio();
    if (result == voice::UtteranceCapture::Result::Ended) {
        if (state_ == VoiceState::Listening) {
            step(Input::Endpoint);
        } else {
            clear_audio();
        }
    }
}

void VoiceAssistant::on_speech_done() {
    if (state_ == VoiceState::Speaking) step(Input::Said);
}

void VoiceAssistant::on_button(hal::Button button) {
    if (button == hal::Button::MicMute) {
        muted_ = !muted_;
        board_.mic.set_capture(!muted_);
        tracer_.emit("voice", "mic", muted_ ? "muted" : "unmuted");
        if (muted_) {
            cancel_upload();
            capture_.clear();
            if (state_ == VoiceState::Listening || state_ == VoiceState::FollowUp) enter(VoiceState::Idle);
        }
    } else if (button == hal::Button::VolumeUp) {
        set_volume(volume_ + 1);
    } else if (button == hal::Button::VolumeDown) {
        set_volume(volume_ - 1);
    }
}

bool VoiceAssistant::owns_timer(hal::TimerId id) {
    return id == timer::kFollowUp || id == timer::kVolumeShown || id == timer::kVoiceRequest;
}

void VoiceAssistant::on_timer(hal::TimerId id) {
    if (id == timer::kFollowUp) {
        step(Input::FollowUpOver);
    } else if (id == timer::kVolumeShown) {
        volume_shown_ = false;
    } else if (id == timer::kVoiceRequest && in_flight_) {
        board_.http.cancel(request_id_);
        in_flight_ = false;
        step(Input::ReplyFailed);
    }
}

void VoiceAssistant::on_http(const hal::HttpResponse& response) {
    in_flight_ = false;
    board_.timers.cancel(timer::kVoiceRequest);
    reply_.clear();
    if (response.error == hal::TransportError::None && response.status == 200) {
        const JsonReader json(response.body);
        if (json.valid() && json.get_string("speech", reply_)) {
            if (json.has("recordings_deleted")) tracer_.emit("voice", "recordings", "deleted_in_cloud");
            step(Input::Reply);
            return;
        }
    }
    tracer_.emit("voice", "reply", response.error == hal::TransportError::None && response.status == 401 ? "unauthorized" : "failed");
    step(response.status == 401 ? Input::Unauthorized : Input::ReplyFailed);
}

bool VoiceAssistant::take_token_rejection() {
    const bool rejected = token_rejected_;
    token_rejected_ = false;
    return rejected;
}

bool VoiceAssistant::ring_override(RingPattern& out) const {
    if (muted_) { out = RingPattern::MicOff; return true; }
    if (volume_shown_) { out = RingPattern::Volume; return true; }
    switch (state_) {
        case VoiceState::Listening:
        case VoiceState::FollowUp: out = RingPattern::Listening; return true;
        case VoiceState::Thinking: out = RingPattern::Thinking; return true;
        case VoiceState::Speaking: out = RingPattern::Speaking; return true;
        case VoiceState::Idle: return false;
    }
    return false;
}

void VoiceAssistant::step(Input input) {
    switch (input) {
        case Input::Wake:
            if (state_ == VoiceState::Idle || state_ == VoiceState::Speaking) {
                if (state_ == VoiceState::Speaking) board_.speech.stop();  // barge-in
                tracer_.emit("voice", "wake_word", kWakeWord);
                enter(VoiceState::Listening);
                open_upload();
            }
            break;
        case Input::FollowUpHeard:
            if (state_ == VoiceState::FollowUp) {
                board_.timers.cancel(timer::kFollowUp);
                enter(VoiceState::Listening);
                open_upload();
            }
            break;
        case Input::Endpoint:
            if (state_ == VoiceState::Listening) handle_request();
            break;
        case Input::Reply:
            if (state_ == VoiceState::Thinking) {
                rejected_in_a_row_ = 0;
                clear_audio();
                say(reply_.view());
            }
            break;
        case Input::Unauthorized:
            // The token may have been revoked or rotated under us: refresh at once. The audio
            // has left the device, so the person asks again. A second 401 in a row means a
            // fresh token did not help either.
            if (state_ == VoiceState::Thinking) {
                clear_audio();
                if (++rejected_in_a_row_ == 1) {
                    token_rejected_ = true;
                    say("Sorry, I couldn't reach your account just then. Please ask me again.");
                } else {
                    say("Sorry, I need you to sign in again in the Ringside app.");
                }
            }
            break;
        case Input::ReplyFailed:
            if (state_ == VoiceState::Thinking) {
                clear_audio();
                say("Sorry, something went wrong. Please try again.");
            }
            break;
        case Input::Said:
            if (state_ == VoiceState::Speaking) {
                board_.timers.arm(timer::kFollowUp, kFollowUpWindow);
                enter(VoiceState::FollowUp);
            }
            break;
        case Input::FollowUpOver:
            if (state_ == VoiceState::FollowUp) enter(VoiceState::Idle);
            break;
    }
}

void VoiceAssistant::enter(VoiceState next) {
    if (next == state_) return;
    state_ = next;
    tracer_.emit("voice", "state", to_string(next));
}

void VoiceAssistant::handle_request() {
    request_.clear();
    const std::string_view heard = capture_.text();
    request_.append_clipped(voice::starts_with_wake_word(heard, kWakeWord) ? voice::strip_wake_word(heard, kWakeWord) : heard);
    const voice::LocalCommand local = voice::local_command_for(request_.view());
    if (local != voice::LocalCommand::None) {
        cancel_upload();
        clear_audio();
        handle_local(local);
        return;
    }
    if (auth_.state() != AuthState::Linked || auth_.access_token().empty()) {
        cancel_upload();
        clear_audio();
        tracer_.emit("voice", "request", "offline");
        say("Sorry, I'm not connected to the internet right now.");
        return;
    }
    finish_upload();
}

void VoiceAssistant::handle_local(voice::LocalCommand command) {
    switch (command) {
        case voice::LocalCommand::Stop:
            tracer_.emit("voice", "local", "stop");
            board_.speech.stop();
            enter(VoiceState::Idle);
            break;
        case voice::LocalCommand::VolumeUp:
            tracer_.emit("voice", "local", "volume_up");
            set_volume(volume_ + 1);
            enter(VoiceState::Idle);
            break;
        case voice::LocalCommand::VolumeDown:
            tracer_.emit("voice", "local", "volume_down");
            set_volume(volume_ - 1);
            enter(VoiceState::Idle);
            break;
        case voice::LocalCommand::Time: {
            tracer_.emit("voice", "local", "time");
            // Calendar time comes from the RTC, which only a clock sync (or its battery) makes
            // right; a speaker that never synced says so rather than guessing.
            const std::int64_t unix = board_.rtc.unix_seconds();
            if (unix < kBuiltAfterUnix) {
                say("I don't know the time yet. Connect me to the internet and ask again.");
                break;
            }
            const std::int64_t minutes = unix / 60;
            FixedString<64> sentence;
            sentence.append("It's ");
            sentence.append_decimal(static_cast<std::uint64_t>(minutes / 60 % 24));
            sentence.append(minutes % 60 < 10 ? ":0" : ":");
            sentence.append_decimal(static_cast<std::uint64_t>(minutes % 60));
            sentence.append(" UTC.");
            say(sentence.view());
            break;
        }
        case voice::LocalCommand::None: break;
    }
}

void VoiceAssistant::open_upload() {
    upload_ = Upload::None;
    // Not linked: nothing goes out; the endpoint answers locally.
    if (auth_.state() != AuthState::Linked || auth_.access_token().empty()) return;
    upload_ = Upload::Broken;
    if (capture_.audio_lost()) return;  // the pre-roll is gone: the cloud would not hear the start
    constexpr std::string_view kBearer = "Bearer ";
    const std::string_view token = auth_.access_token();
    if (kBearer.size() + token.size() > scratch_.size()) return;
    kBearer.copy(scratch_.data(), kBearer.size());
    token.copy(scratch_.data() + kBearer.size(), token.size());
    hal::HttpRequest request;
    request.method = hal::HttpMethod::Post;
    request.url = url_.view();
    request.content_type = "audio/L16;rate=8000";
    request.authorization = std::string_view(scratch_.data(), kBearer.size() + token.size());
    request.body_follows = true;
    next_id_ = request_ids::kVoice.after(next_id_);
    request_id_ = next_id_;
    const bool sent = board_.http.send(request_id_, request);
    scratch_.wipe();
    if (!sent) return;
    upload_ = Upload::Open;
    tracer_.emit("voice", "upload", "opened");
}

// The utterance's audio goes out through the open upload as it comes, or is dropped as soon
// as no upload can still want it (the wake word was decided against, or nobody listens).
void VoiceAssistant::pass_audio() {
    if (upload_ == Upload::Open) {
        for (std::string_view piece = capture_.next_audio(kUploadPiece); !piece.empty();
             piece = capture_.next_audio(kUploadPiece)) {
            if (!board_.http.send_body(request_id_, piece)) {
                board_.http.cancel(request_id_);
                upload_ = Upload::Broken;
                tracer_.emit("voice", "upload", "broken");
                capture_.drop_audio();
                return;
            }
            capture_.take(piece.size());
        }
        return;
    }
    const bool wake_undecided = (state_ == VoiceState::Idle || state_ == VoiceState::Speaking) && !ignoring_ &&
                                !wake_in_utterance_ && capture_.hearing();
    if (!wake_undecided) capture_.drop_audio();
}

void VoiceAssistant::cancel_upload() {
    if (upload_ == Upload::Open) {
        board_.http.cancel(request_id_);
        tracer_.emit("voice", "upload", "cancelled");
    }
    upload_ = Upload::None;
}

void VoiceAssistant::finish_upload() {
    const bool open = upload_ == Upload::Open;
    upload_ = Upload::None;
    tracer_.emit("http", "request", "POST /v1/voice");
    enter(VoiceState::Thinking);
    if (!open || !board_.http.end_body(request_id_)) {
        if (open) board_.http.cancel(request_id_);
        step(Input::ReplyFailed);
        return;
    }
    in_flight_ = true;
    board_.timers.arm(timer::kVoiceRequest, kVoiceRequestTimeout);
}

void VoiceAssistant::say(std::string_view text) {
    board_.speech.say(text);
    enter(VoiceState::Speaking);
}

void VoiceAssistant::set_volume(int volume) {
    volume_ = volume < 0 ? 0 : (volume > kMaxVolume ? kMaxVolume : volume);
    FixedString<8> level;
    level.append_decimal(static_cast<std::uint64_t>(volume_));
    tracer_.emit("voice", "volume", level.view());
    volume_shown_ = true;
    board_.timers.arm(timer::kVolumeShown, kVolumeShownFor);
}

void VoiceAssistant::clear_audio() {
    capture_.clear();
    tracer_.emit("voice", "audio", "cleared");
}

} // namespace ringside::fw
