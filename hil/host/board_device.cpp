#include "hil/host/board_device.hpp"

#include <algorithm>
#include <stdexcept>

#include "firmware/buttons/button_names.hpp"
#include "hil/host/board_starts.hpp"
#include "hil/host/board_stats_query.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "hil/host/port_spec.hpp"
#include "hil/protocol/messages.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::hil {

BoardDevice::BoardDevice(const sim::DeviceContext& context, std::unique_ptr<BoardLink> link, BoardIdentity identity,
                         std::shared_ptr<void> keep_alive, BoardDeviceOptions options)
    : context_(context),
      options_(options),
      lockstep_((identity.capabilities & kCapLockstep) != 0),
      origin_(LinkClock::now() - std::chrono::duration_cast<LinkClock::duration>(context.scheduler.now())),
      keep_alive_(std::move(keep_alive)),
      link_(std::move(link)),
      identity_(std::move(identity)),
      rtc_unix_(context.rtc_unix) {
    if (!options_.answer_within_fixed) options_.answer_within = std::max(options_.answer_within, identity_.answer_within);
    // A new world: the board is made anew, whatever an earlier run left it doing (a physical
    // board, or any board on a port that outlives one scenario).
    if (identity_.capabilities & kCapConfigurable) configure(context_.client_id, true);
}

BoardDevice::~BoardDevice() {
    // Detach from the world's bus: nothing may reach a device that is gone.
    if (powered_) context_.bus.detach();
    if (options_.on_close_stats && (identity_.capabilities & kCapBoardStats)) report_stats_at_close();
}

void BoardDevice::report_stats_at_close() noexcept {
    // From a destructor: bounded (query_board_stats' deadline), and nothing escapes.
    std::optional<BoardStats> stats;
    std::string why_not;
    try {
        if (link_->closed()) why_not = "the link to the board on " + link_->port() + " is closed";
        else stats = query_board_stats(*link_, std::min(options_.stats_within, options_.answer_within));
    } catch (const std::exception& e) {
        why_not = e.what();
    } catch (...) {
        why_not = "QueryBoardStats failed";
    }
    try {
        options_.on_close_stats(stats, why_not);
    } catch (...) {
        // A callback that throws from here would end the process: its figures are lost instead.
    }
}

[[noreturn]] void BoardDevice::lost(const std::string& what) const { throw sim::DeviceLost(what); }

void BoardDevice::note(SessionEvent::Dir dir, std::string kind, std::vector<std::pair<std::string, std::string>> fields) {
    if (log_) log_->push_back(SessionEvent{context_.scheduler.now(), dir, std::move(kind), std::move(fields)});
}

template <typename Message>
void BoardDevice::send(const Message& message) {
    Frame f;
    if (!encode(message, f)) lost("a message for the board on " + link_->port() + " does not fit a frame");
    try {
        link_->send(f);
    } catch (const LinkError& e) {
        lost(e.what());
    }
}

std::optional<Frame> BoardDevice::receive_by(LinkClock::time_point deadline) {
    const std::uint64_t restarts = link_->counters().board_restarts;
    for (;;) {
        std::optional<Frame> f;
        try {
            const LinkCounters before = link_->counters();
            f = link_->receive(deadline);
            // A lost frame (a sequence gap: a bad CRC, a cut or a dropped frame leaves one)
            // or a frame in another protocol version means the world missed something the
            // board said: the run cannot go on. Noise between frames that cost no frame
            // (malformed units, overlong runs) is only counted: the link has recovered.
            const LinkCounters& now = link_->counters();
            if (now.frames_lost != before.frames_lost || now.bad_version != before.bad_version)
                link_->throw_if_damaged();
        } catch (const LinkError& e) {
            lost(e.what());
        }
        if (!f || (f->type != MessageType::HelloAck && f->type != MessageType::Boot)) return f;
        // A late answer to a resent Hello is harmless; a Boot, or a HelloAck nobody asked
        // for, is a reset.
        if (link_->counters().board_restarts != restarts)
            lost("the board on " + link_->port() + " restarted during the scenario (it announced itself again)");
    }
}

Frame BoardDevice::next_frame(const std::string& what) {
    if (std::optional<Frame> f = receive_by(LinkClock::now() + options_.answer_within)) return *f;
    // A frame lost at the end of a grant (its TimeDone) has no later frame to show the gap:
    // the board waits for a grant that never comes. Say what was counted.
    const std::string damage = link_->damage();
    lost("the board on " + link_->port() + " did not answer " + what + " within " + describe_duration(options_.answer_within) +
         (damage.empty() ? std::string() : " (the link is damaged: " + damage + ")") +
         (options_.answer_within_fixed ? std::string() : "; a slow board may need a longer --board-timeout"));
}

Frame BoardDevice::await(MessageType type, const std::string& what) {
    for (;;) {
        const Frame f = next_frame(what);
        if (f.type == type) return f;
        handle(f);
    }
}

void BoardDevice::configure(const std::string& client_id, bool fresh) {
    const sim::DeviceContext& c = context_;
    send(BoardConfig{c.seed, c.rtc_unix, c.issuer, client_id, c.scope, c.product_id, c.serial_number, c.dialect, fresh});
    await(MessageType::Ack, "BoardConfig");
}

void BoardDevice::power_on() {
    if (powered_) return;
    context_.bus.attach([this](const fw::Event& event) { forward(event); });
    note(SessionEvent::Dir::In, "power", {{"on", "1"}});
    send(Power{PowerAction::On});
    await(MessageType::Ack, "Power on");
    powered_ = true;
    unanswered_ = true;
}

void BoardDevice::power_off() {
    if (!powered_) return;
    context_.bus.detach();
    note(SessionEvent::Dir::In, "power", {{"on", "0"}});
    send(Power{PowerAction::Off});
    await(MessageType::Ack, "Power off");
    powered_ = false;
    outgoing_.reset();
    upload_.reset();
    unanswered_ = true;
}

bool BoardDevice::reflash_client_id(const std::string& client_id) {
    if (powered_ || !(identity_.capabilities & kCapConfigurable)) return false;
    note(SessionEvent::Dir::In, "reflash", {{"client_id", client_id}});
    configure(client_id, false);
    context_.client_id = client_id;
    return true;
}

sim::Millis BoardDevice::say(const std::string& text, int voice) {
    note(SessionEvent::Dir::In, "say", {{"voice", std::to_string(voice)}, {"text", text}});
    send(Utterance{static_cast<std::uint8_t>(voice), text});
    unanswered_ = true;
    // The microphone is on the board: when the last frame is due is the board's to know.
    return context_.scheduler.now();
}

std::optional<std::string> BoardDevice::stored_refresh_token() const {
    if (!(identity_.capabilities & kCapTestFace))
        lost("the board on " + link_->port() + " cannot tell which refresh token it stores (no test face)");
    auto& self = const_cast<BoardDevice&>(*this);  // a query changes nothing the world sees
    self.send(QueryStoredToken{});
    const Frame f = self.await(MessageType::StoredToken, "QueryStoredToken");
    StoredToken answer;
    if (!decode(f, answer)) lost("the board on " + link_->port() + " answered QueryStoredToken in another layout");
    if (answer.refresh_token.empty()) return std::nullopt;
    return std::string(answer.refresh_token);
}

std::optional<sim::Millis> BoardDevice::run_to(sim::Millis t) {
    if (!lockstep_) return run_free_to(t);
    if (!unanswered_ && board_at_ == t) return std::nullopt;
    send(TimeGrant{static_cast<std::uint64_t>(t.count())});
    unanswered_ = false;
    // What the board says during a grant happened at the instant it stopped (Trace carries
    // its own time): keep it until TimeDone says where that is.
    std::vector<Frame> said;
    TimeDone done;
    const std::string grant = "the TimeGrant from " + text::format_timestamp(board_at_) + " to " + text::format_timestamp(t);
    for (;;) {
        const Frame f = next_frame(grant);
        // A refusal ends the run now: a refused grant has no TimeDone to wait for (held back,
        // the Nack's reason would be lost to the answer deadline).
        if (f.type == MessageType::Nack) handle(f);
        if (f.type != MessageType::TimeDone) {
            said.push_back(f);
            continue;
        }
        if (!decode(f, done)) lost("the board on " + link_->port() + " sent a TimeDone in another layout");
        break;
    }
    board_at_ = sim::Millis(static_cast<sim::Millis::rep>(done.now_ms));
    if (board_at_ > context_.scheduler.now()) context_.scheduler.advance_to(board_at_);
    for (const Frame& f : said) handle(f);
    if (done.stopped) return board_at_;
    return std::nullopt;
}

std::optional<sim::Millis> BoardDevice::run_free_to(sim::Millis t) {
    // The board keeps its own time: the world's follows the wall clock, and whatever the
    // board says is the world's news at the moment it arrives (never past `t`, the world's
    // next event).
    for (;;) {
        const std::optional<Frame> f = receive_by(origin_ + t);
        const auto wall = std::chrono::duration_cast<sim::Millis>(LinkClock::now() - origin_);
        const sim::Millis now = std::min(t, std::max(wall, context_.scheduler.now()));
        context_.scheduler.advance_to(now);
        if (!f) return std::nullopt;  // the wall clock reached `t`
        handle(*f);
        if (f->type != MessageType::Trace && f->type != MessageType::RingFrame) return now;
    }
}

void BoardDevice::forward(const fw::Event& e) {
    unanswered_ = true;
    switch (e.type) {
        case fw::EventType::ButtonDown:
        case fw::EventType::ButtonUp:
            note(SessionEvent::Dir::In, "button",
                 {{"button", std::string(fw::to_string(e.button))}, {"pressed", e.type == fw::EventType::ButtonDown ? "1" : "0"}});
            send(ButtonEdge{e.button, e.type == fw::EventType::ButtonDown});
            return;
        case fw::EventType::SetupCredentials:
            note(SessionEvent::Dir::In, "setup",
                 {{"ssid", std::string(e.setup.ssid)},
                  {"password", std::string(e.setup.password)},
                  {"account", std::string(e.setup.account_hint)},
                  {"band", std::to_string(static_cast<int>(e.setup.band))}});
            send(SetupCredentials{e.setup.ssid, e.setup.password, e.setup.account_hint, e.setup.band});
            return;
        case fw::EventType::WifiJoined:
            note(SessionEvent::Dir::In, "wifi", {{"joined", "1"}, {"failure", "0"}});
            send(WifiResult{true, hal::WifiFailure::Other});
            return;
        case fw::EventType::WifiFailed:
            note(SessionEvent::Dir::In, "wifi", {{"joined", "0"}, {"failure", std::to_string(static_cast<int>(e.wifi_failure))}});
            send(WifiResult{false, e.wifi_failure});
            return;
        case fw::EventType::HttpDone: {
            const hal::HttpResponse& r = e.response;
            const auto status = static_cast<std::uint16_t>(r.error == hal::TransportError::None ? r.status : 0);
            note(SessionEvent::Dir::In, "http",
                 {{"id", std::to_string(e.request)},
                  {"error", std::to_string(static_cast<int>(r.error))},
                  {"status", std::to_string(status)},
                  {"retry_after", std::to_string(r.retry_after_s)},
                  {"date", std::to_string(r.date_unix)},
                  {"content_type", std::string(r.content_type)},
                  body_field(std::string(r.body))});
            send(HttpResponseHead{e.request, r.error, status, r.retry_after_s, r.date_unix, r.content_type,
                                  static_cast<std::uint32_t>(r.body.size())});
            for (std::size_t at = 0; at < r.body.size(); at += kMaxBodyPiece)
                send(HttpBody{e.request, static_cast<std::uint32_t>(at), r.body.substr(at, kMaxBodyPiece)});
            return;
        }
        case fw::EventType::TimerExpired:
        case fw::EventType::SpeechDone:
        case fw::EventType::MicFrame:
            return;  // the board's own: the world never posts them
    }
}

void BoardDevice::handle(const Frame& f) {
    const std::string& port = link_->port();
    const auto bad = [&](const char* what) { lost("the board on " + port + " sent a " + what + " in another layout"); };
    switch (f.type) {
        case MessageType::Status: {
            Status m;
            if (!decode(f, m)) bad("Status");
            Mirror next{m.device_state, m.auth_state, m.ring_pattern, std::string(m.user_code), m.audio_samples};
            if (next.device != status_.device || next.auth != status_.auth || next.pattern != status_.pattern ||
                next.user_code != status_.user_code || next.audio_samples != status_.audio_samples)
                note(SessionEvent::Dir::Out, "status",
                     {{"device", std::string(fw::to_string(next.device))},
                      {"auth", std::string(fw::to_string(next.auth))},
                      {"ring", std::string(fw::to_string(next.pattern))},
                      {"user_code", next.user_code},
                      {"audio", std::to_string(next.audio_samples)}});
            status_ = std::move(next);
            return;
        }
        case MessageType::Speech: {
            SpeechMessage m;
            if (!decode(f, m)) bad("Speech");
            spoken_.push_back({context_.scheduler.now(), std::string(m.text)});
            note(SessionEvent::Dir::Out, "speech", {{"text", std::string(m.text)}});
            context_.trace.record_line("speech", "say", m.text);  // as the virtual loudspeaker notes it
            return;
        }
        case MessageType::Trace: {
            TraceMessage m;
            if (!decode(f, m)) bad("Trace");
            // A lockstep board's clock is the world's; a free-running one's is its own.
            const sim::Millis at = lockstep_ ? sim::Millis(static_cast<sim::Millis::rep>(m.at_ms)) : context_.scheduler.now();
            context_.trace.record_at(at, m.category, m.event, m.detail);
            return;
        }
        case MessageType::RingFrame: {
            RingFrameMessage m;
            if (!decode(f, m)) bad("RingFrame");
            leds_ = m.frame;
            return;
        }
        case MessageType::HttpRequest: {
            HttpRequestHead m;
            if (!decode(f, m)) bad("HttpRequest");
            rtc_unix_ = m.device_unix;
            const bool streamed = m.body_length == kStreamedBody;
            Outgoing r{m.request_id, m.method, std::string(m.url), std::string(m.content_type),
                       std::string(m.authorization), {}, streamed ? 0 : m.body_length, streamed};
            if (streamed) {
                upload_ = std::move(r);
                return;
            }
            outgoing_ = std::move(r);
            break;  // complete now if it has no body
        }
        case MessageType::HttpBody: {
            HttpBody m;
            if (!decode(f, m)) bad("HttpBody");
            const bool to_upload = upload_ && upload_->id == m.request_id && !(outgoing_ && outgoing_->id == m.request_id);
            Outgoing* r = to_upload ? &*upload_ : (outgoing_ ? &*outgoing_ : nullptr);
            if (!r || r->id != m.request_id || m.offset != r->body.size() ||
                (!r->streamed && r->body.size() + m.data.size() > r->length))
                lost("the board on " + port + " sent a request body piece out of order");
            r->body.append(m.data);
            if (to_upload) return;
            break;
        }
        case MessageType::HttpBodyEnd: {
            HttpBodyEnd m;
            if (!decode(f, m)) bad("HttpBodyEnd");
            if (!upload_ || upload_->id != m.request_id || upload_->body.size() != m.body_length)
                lost("the board on " + port + " ended a streamed request the host did not have whole (request " +
                     std::to_string(m.request_id) + ", " + std::to_string(m.body_length) + " bytes)");
            Outgoing r = std::move(*upload_);
            upload_.reset();
            carry(std::move(r));
            return;
        }
        case MessageType::HttpCancel: {
            HttpCancel m;
            if (!decode(f, m)) bad("HttpCancel");
            // An upload cancelled before its end never reaches the world: nothing is noted.
            if (upload_ && upload_->id == m.request_id) {
                upload_.reset();
                return;
            }
            note(SessionEvent::Dir::Out, "cancel", {{"id", std::to_string(m.request_id)}});
            context_.http.cancel(m.request_id);
            return;
        }
        case MessageType::WifiJoin: {
            WifiJoin m;
            if (!decode(f, m)) bad("WifiJoin");
            note(SessionEvent::Dir::Out, "wifi_join", {{"ssid", std::string(m.ssid)}, {"password", std::string(m.password)}});
            context_.wifi.join(m.ssid, m.password);
            return;
        }
        case MessageType::WifiLeave:
            note(SessionEvent::Dir::Out, "wifi_leave", {});
            context_.wifi.leave();
            return;
        case MessageType::WifiPreferBand: {
            WifiPreferBand m;
            if (!decode(f, m)) bad("WifiPreferBand");
            note(SessionEvent::Dir::Out, "prefer_band", {{"band", std::to_string(static_cast<int>(m.band))}});
            context_.wifi.prefer_band(m.band);
            return;
        }
        case MessageType::SetupReport: {
            SetupReport m;
            if (!decode(f, m)) bad("SetupReport");
            note(SessionEvent::Dir::Out, "setup_report", {{"progress", std::string(hal::to_string(m.progress))}});
            context_.setup.report(m.progress);
            return;
        }
        case MessageType::Nack: {
            Nack m;
            const std::string why = decode(f, m) ? std::string(m.why) : std::string("(unreadable Nack)");
            lost("the board on " + port + " refused a request: " + why);
        }
        case MessageType::Ack:
        case MessageType::TimeDone:
            return;  // answers to something already done
        default:
            lost("the board on " + port + " sent a frame of type " + std::to_string(static_cast<int>(f.type)) +
                 " the host does not expect");
    }
    // A request is complete: the world's network carries it to the cloud.
    if (outgoing_ && outgoing_->body.size() == outgoing_->length) {
        Outgoing r = std::move(*outgoing_);
        outgoing_.reset();
        carry(std::move(r));
    }
}

void BoardDevice::carry(Outgoing r) {
    note(SessionEvent::Dir::Out, "http",
         {{"id", std::to_string(r.id)},
          {"method", r.method == hal::HttpMethod::Post ? "POST" : "GET"},
          {"url", r.url},
          {"content_type", r.content_type},
          {"authorization", r.authorization},
          body_field(r.body)});
    const hal::HttpRequest request{r.method, r.url, r.content_type, r.body, r.authorization};
    if (!context_.http.send(r.id, request)) {
        // The world's network refused it outright (a URL it cannot parse): the firmware
        // hears a failed connection, as from a stack that cannot start the request.
        send(HttpResponseHead{r.id, hal::TransportError::ConnectionFailed, 0, 0, 0, {}, 0});
        unanswered_ = true;
    }
}

namespace {

// One link to the board on `port`, after its handshake; `process` holds the emulator or QEMU
// the harness started for it, from `starts` when given.
std::unique_ptr<BoardLink> open_link(const std::string& port, int baud, std::shared_ptr<BoardProcess>& process,
                                     BoardIdentity& identity, BoardStarts* starts = nullptr) {
    std::unique_ptr<ByteTransport> transport;
    if (const BoardStarts::Start start = BoardStarts::start_for(port)) {
        process = starts ? starts->take() : start();
        transport = process->take_transport();
    } else {
        OpenOptions options;
        options.baud = baud;
        transport = open_transport(parse_port_spec(port), options);
    }
    auto link = std::make_unique<BoardLink>(std::move(transport));
    identity = handshake(*link, process ? process->handshake_options() : HandshakeOptions{});
    return link;
}

} // namespace

BoardIdentity check_board(const std::string& port, int baud) {
    std::shared_ptr<BoardProcess> process;
    BoardIdentity identity;
    auto link = open_link(port, baud, process, identity);
    if (!(identity.capabilities & kCapHttpTunnel))
        throw LinkError(LinkError::Kind::Unsupported, link->port(),
                        "the board on " + link->port() + " (" + identity.board_id +
                            ") has no HTTP tunnel: the world cannot carry its cloud traffic");
    return identity;
}

std::unique_ptr<BoardDevice> open_board_device(const sim::DeviceContext& context, const std::string& port, int baud,
                                               BoardDeviceOptions options, BoardStarts* starts) {
    try {
        std::shared_ptr<BoardProcess> process;
        BoardIdentity identity;
        auto link = open_link(port, baud, process, identity, starts);
        return std::make_unique<BoardDevice>(context, std::move(link), std::move(identity), process, options);
    } catch (const LinkError& e) {
        throw sim::DeviceLost(e.what());
    }
}

sim::DeviceFactory board_device_factory(const std::string& port, int baud, BoardDeviceOptions options) {
    const BoardStarts::Start start = BoardStarts::start_for(port);
    auto starts = start ? std::make_shared<BoardStarts>(start) : nullptr;
    return [port, baud, options, starts](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
        return open_board_device(context, port, baud, options, starts.get());
    };
}

} // namespace ringside::hil
