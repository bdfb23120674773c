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

VoiceAssistant::VoiceAssistant(const hal::Board& board, const Tracer& tracer, AuthClient& auth, std::string_view issuer)
    : board_(board), tracer_(tracer), auth_(auth) {
    if (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
    url_.append_clipped(issuer);
    url_.append_clipped(kVoicePath);
}

void VoiceAssistant::power_on() {
    board_.mic.set_capture(!muted_);
    enter(VoiceState::Idle);
}

void VoiceAssistant::factory_reset() {
    if (in_flight_) board_.http.cancel(request_id_);
    in_flight_ = false;
    retried_ = token_rejected_ = awaiting_token_ = ignoring_ = wake_in_utterance_ = false;
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
    } else if (id == timer::kVoiceRequest && (in_flight_ || awaiting_token_)) {
        if (in_flight_) board_.http.cancel(request_id_);
        in_flight_ = awaiting_token_ = false;
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

void VoiceAssistant::on_tokens_issued() {
    if (!awaiting_token_ || state_ != VoiceState::Thinking) return;
    awaiting_token_ = false;
    send_request();
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
            }
            break;
        case Input::FollowUpHeard:
            if (state_ == VoiceState::FollowUp) {
                board_.timers.cancel(timer::kFollowUp);
                enter(VoiceState::Listening);
            }
            break;
        case Input::Endpoint:
            if (state_ == VoiceState::Listening) handle_request();
            break;
        case Input::Reply:
            if (state_ == VoiceState::Thinking) {
                clear_audio();
                say(reply_.view());
            }
            break;
        case Input::Unauthorized:
            // Once per request: the token may have been revoked or rotated under us.
            if (state_ == VoiceState::Thinking && !retried_) {
                retried_ = true;
                token_rejected_ = true;
                awaiting_token_ = true;  // the request timer still bounds the wait
                board_.timers.arm(timer::kVoiceRequest, kVoiceRequestTimeout);
            } else if (state_ == VoiceState::Thinking) {
                clear_audio();
                say("Sorry, I need you to sign in again in the Ringside app.");
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
        clear_audio();
        handle_local(local);
        return;
    }
    if (auth_.state() != AuthState::Linked || auth_.access_token().empty()) {
        clear_audio();
        tracer_.emit("voice", "request", "offline");
        say("Sorry, I'm not connected to the internet right now.");
        return;
    }
    retried_ = false;
    send_request();
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

void VoiceAssistant::send_request() {
    authorization_.clear();
    authorization_.append("Bearer ");
    if (!authorization_.append(auth_.access_token())) {
        step(Input::ReplyFailed);
        return;
    }
    hal::HttpRequest request;
    request.method = hal::HttpMethod::Post;
    request.url = url_.view();
    request.content_type = "audio/L16;rate=8000";
    request.body = capture_.audio_bytes();
    request.authorization = authorization_.view();
    next_id_ = request_ids::kVoice.after(next_id_);
    request_id_ = next_id_;
    tracer_.emit("http", "request", "POST /v1/voice");
    enter(VoiceState::Thinking);
    if (!board_.http.send(request_id_, request)) {
        authorization_.clear();
        step(Input::ReplyFailed);
        return;
    }
    authorization_.clear();
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
