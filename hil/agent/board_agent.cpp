#include "hil/agent/board_agent.hpp"

namespace ringside::hil {

BoardAgent::BoardAgent(ByteSink& sink, BoardPort& port, BoardMicrophone& microphone, hal::LedRing& leds,
                       hal::Speech& loudspeaker, const BoardIdentity& identity, hal::TraceSink* trace_tee)
    : port_(port),
      microphone_(microphone),
      identity_(identity),
      outbox_(sink, stats_),
      http_(outbox_, port_, stats_),
      wifi_(outbox_, port_, stats_),
      setup_(outbox_, port_),
      status_(outbox_),
      trace_(outbox_, port_, trace_tee),
      speech_(outbox_, loudspeaker),
      ring_(outbox_, leds) {}

void BoardAgent::feed(const std::uint8_t* bytes, std::size_t count) {
    // A nested feed would hand the firmware an event from inside its own dispatch (it is
    // run-to-completion) and clobber the frame being handled: refuse it, loudly.
    if (feeding_) {
        ++stats_.reentrant_feeds;
        return;
    }
    feeding_ = true;
    for (std::size_t i = 0; i < count; ++i) {
        switch (decoder_.push(bytes[i])) {
            case FrameDecoder::Result::None: break;
            case FrameDecoder::Result::Frame: on_frame(decoder_.frame()); break;
            case FrameDecoder::Result::BadCrc: ++stats_.bad_crc; break;
            case FrameDecoder::Result::Malformed: ++stats_.malformed; break;
            case FrameDecoder::Result::Overflow: ++stats_.overflow; break;
            case FrameDecoder::Result::BadVersion: ++stats_.bad_version; break;
        }
    }
    feeding_ = false;
}

void BoardAgent::observe(const fw::Speaker& speaker) { status_.observe(speaker); }

void BoardAgent::powered_off() {
    http_.reset();
    wifi_.reset();
    status_.observe_off();
}

void BoardAgent::on_frame(const Frame& frame) {
    ++stats_.frames_received;
    if (frame.type == MessageType::Hello) host_sequence_.reset();  // a new host (or a restarted one) counts from 0
    const std::uint16_t lost = host_sequence_.accept(frame.sequence);
    stats_.lost_frames += lost;
    if (lost != 0 && frame.type != MessageType::Ack && frame.type != MessageType::Nack) {
        // The host's stream has a hole: an input the firmware never got (a button, a response,
        // a grant). Acting on what follows would play a run the host did not ask for, and
        // only the board can see the hole: refuse this frame, saying why, so that the host
        // ends the run as a damaged link. The frames after it are acted on again.
        fw::FixedString<96> why;
        why.append("the link is damaged: ");
        why.append_decimal(lost);
        why.append(lost == 1 ? " frame from the host lost before this " : " frames from the host lost before this ");
        why.append(to_string(frame.type));
        return nack(frame.type, why.view());
    }

    // Each case: decode (a refusal is counted and Nacked), then act. Views in the decoded
    // message point into `frame`, which the decoder keeps until the next byte is pushed.
    const auto malformed = [&] {
        ++stats_.bad_payloads;
        nack(frame.type, "malformed payload");
    };
    switch (frame.type) {
        case MessageType::Hello: {
            Hello m;
            if (decode(frame, m)) on_hello(); else malformed();
            break;
        }
        case MessageType::ButtonEdge: {
            ButtonEdge m;
            if (decode(frame, m)) on_button(m); else malformed();
            break;
        }
        case MessageType::Utterance: {
            Utterance m;
            if (decode(frame, m)) on_utterance(m); else malformed();
            break;
        }
        case MessageType::AudioChunk: {
            AudioChunk m;
            if (decode(frame, m)) on_audio(m); else malformed();
            break;
        }
        case MessageType::Power: {
            Power m;
            if (decode(frame, m)) on_power(m); else malformed();
            break;
        }
        case MessageType::TimeGrant: {
            TimeGrant m;
            if (decode(frame, m)) on_grant(m); else malformed();
            break;
        }
        case MessageType::HttpResponse: {
            HttpResponseHead m;
            if (decode(frame, m)) http_.on_head(m); else malformed();
            break;
        }
        case MessageType::HttpBody: {
            HttpBody m;
            if (decode(frame, m)) http_.on_body(m); else malformed();
            break;
        }
        case MessageType::SetupCredentials: {
            SetupCredentials m;
            if (decode(frame, m)) setup_.on_credentials(m); else malformed();
            break;
        }
        case MessageType::BoardConfig: {
            BoardConfig m;
            if (decode(frame, m)) on_config(m); else malformed();
            break;
        }
        case MessageType::WifiResult: {
            WifiResult m;
            if (decode(frame, m)) wifi_.on_result(m); else malformed();
            break;
        }
        case MessageType::QueryStoredToken: {
            QueryStoredToken m;
            if (decode(frame, m)) on_query_token(); else malformed();
            break;
        }
        case MessageType::QueryBoardStats: {
            QueryBoardStats m;
            if (decode(frame, m)) on_query_stats(); else malformed();
            break;
        }
        case MessageType::StreamRing: {
            StreamRing m;
            if (decode(frame, m)) {
                ring_.set_streaming(m.on);
                port_.ring_streaming(m.on);
            } else {
                malformed();
            }
            break;
        }
        case MessageType::Ack:
        case MessageType::Nack:
            ++stats_.wrong_direction;  // never answered: two sides Nacking each other's Nacks never stop
            break;
        case MessageType::HelloAck:
        case MessageType::RingFrame:
        case MessageType::Status:
        case MessageType::Speech:
        case MessageType::Trace:
        case MessageType::HttpRequest:
        case MessageType::TimeDone:
        case MessageType::HttpCancel:
        case MessageType::WifiJoin:
        case MessageType::WifiLeave:
        case MessageType::WifiPreferBand:
        case MessageType::SetupReport:
        case MessageType::StoredToken:
        case MessageType::BoardStats:
        case MessageType::Fault:
        case MessageType::HttpBodyEnd:
        case MessageType::Boot:
            ++stats_.wrong_direction;
            nack(frame.type, "a board-to-host message");
            break;
        default:
            ++stats_.unknown_types;
            nack(frame.type, "unknown message type");
            break;
    }
}

void BoardAgent::nack(MessageType type, std::string_view why) { outbox_.send(Nack{type, why}, Notice::Quiet); }

void BoardAgent::answer(MessageType type, PortAnswer answer) {
    if (answer.done)
        outbox_.send(Ack{type}, Notice::Quiet);
    else
        nack(type, answer.why);
}

void BoardAgent::announce() {
    outbox_.restart_numbering();
    // After a reset the line may end in half a frame (the reset cut it short): a 0x00 first
    // ends it, so the Boot itself arrives whole, as a Fault does.
    outbox_.send_after_delimiter(Boot{}, Notice::Quiet);
}

void BoardAgent::on_hello() {
    outbox_.restart_numbering();
    outbox_.send(HelloAck{kProtocolVersion, identity_.board_id, identity_.firmware_version, identity_.capabilities,
                          identity_.chip, identity_.build_id, identity_.answer_within_ms},
                 Notice::Quiet);
    status_.resend();
}

void BoardAgent::on_button(const ButtonEdge& m) {
    port_.deliver(m.pressed ? fw::Event::button_down(m.button) : fw::Event::button_up(m.button));
}

void BoardAgent::on_utterance(const Utterance& m) {
    const PortAnswer a = microphone_.speak(m.voice, m.text);
    if (!a.done) nack(MessageType::Utterance, a.why);
}

void BoardAgent::on_audio(const AudioChunk& m) {
    if (!announced(kCapAudio)) return nack(MessageType::AudioChunk, "no kCapAudio: this board takes no raw audio");
    const std::size_t n = m.sample_count();  // at most kMaxPayload / 2: the frame bounds it
    for (std::size_t i = 0; i < n; ++i) samples_[i] = m.sample(i);
    const PortAnswer a = microphone_.play(samples_.data(), n);
    if (!a.done) nack(MessageType::AudioChunk, a.why);
}

void BoardAgent::on_power(const Power& m) {
    // Before the port acts: an answer the host sent for the old firmware must not reach the
    // new one, which reuses request ids from the start.
    if (m.action != PowerAction::On) {
        http_.reset();
        wifi_.reset();
    }
    answer(MessageType::Power, port_.power(m.action));
}

void BoardAgent::on_grant(const TimeGrant& m) {
    if (!announced(kCapLockstep)) return nack(MessageType::TimeGrant, "no kCapLockstep: this board runs in real time");
    const std::uint64_t now = port_.world_ms();
    if (m.until_ms < now) return nack(MessageType::TimeGrant, "until_ms is before the board's world time");
    std::uint64_t stood_at = now;
    // News sent since the last TimeDone (an input's effects, a handshake's Status) already
    // stops this grant where it starts: the host sees it at the board's time.
    if (!outbox_.stop_pending()) {
        const PortAnswer a = port_.run_until(m.until_ms, stood_at);
        if (!a.done) return nack(MessageType::TimeGrant, a.why);
    }
    outbox_.send(TimeDone{stood_at, outbox_.stop_pending()}, Notice::Quiet);
    outbox_.clear_stop();
}

void BoardAgent::on_config(const BoardConfig& m) {
    if (!announced(kCapConfigurable)) return nack(MessageType::BoardConfig, "no kCapConfigurable: this board takes no BoardConfig");
    answer(MessageType::BoardConfig, port_.configure(m));
}

void BoardAgent::on_query_token() {
    if (!announced(kCapTestFace)) return nack(MessageType::QueryStoredToken, "no kCapTestFace: this board has no test face");
    const PortAnswer a = port_.read_stored_refresh_token(token_);
    if (a.done) outbox_.send(StoredToken{token_.view()}, Notice::Quiet);
    else nack(MessageType::QueryStoredToken, a.why);
    token_.wipe();
    outbox_.wipe();
}

void BoardAgent::on_query_stats() {
    if (!announced(kCapBoardStats)) return nack(MessageType::QueryBoardStats, "no kCapBoardStats: this board keeps no board stats");
    BoardStats figures;
    const PortAnswer a = port_.board_stats(figures);
    if (a.done) outbox_.send(figures, Notice::Quiet);
    else nack(MessageType::QueryBoardStats, a.why);
}

} // namespace ringside::hil
