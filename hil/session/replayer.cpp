#include "hil/session/replayer.hpp"

#include <deque>
#include <memory>
#include <optional>

#include "firmware/buttons/button_names.hpp"
#include "firmware/speaker.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_board.hpp"
#include "sim/board/virtual_speech.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::hil {
namespace {

using Millis = std::chrono::milliseconds;
using Fields = std::vector<std::pair<std::string, std::string>>;

// The virtual board's side of the world, noting every call the firmware makes on it as the
// recorder noted the real board's.
class ReplayWorld final : public hal::Wifi, public hal::HttpClient, public hal::SetupChannel, public hal::Speech {
public:
    ReplayWorld(const sim::Scheduler& scheduler, std::deque<SessionEvent>& out) : scheduler_(scheduler), out_(out) {}

    void join(std::string_view ssid, std::string_view password) override {
        note("wifi_join", {{"ssid", std::string(ssid)}, {"password", std::string(password)}});
    }
    void leave() override { note("wifi_leave", {}); }
    void prefer_band(hal::WifiBand band) override { note("prefer_band", {{"band", std::to_string(static_cast<int>(band))}}); }
    bool send(hal::RequestId id, const hal::HttpRequest& r) override {
        Fields head{{"id", std::to_string(id)},
                    {"method", r.method == hal::HttpMethod::Post ? "POST" : "GET"},
                    {"url", std::string(r.url)},
                    {"content_type", std::string(r.content_type)},
                    {"authorization", std::string(r.authorization)}};
        if (r.body_follows) {  // noted when whole, as the host notes a streamed request
            upload_ = Upload{id, std::move(head), {}};
            return true;
        }
        head.push_back(body_field(std::string(r.body)));
        note("http", std::move(head));
        return true;
    }
    bool send_body(hal::RequestId id, std::string_view piece) override {
        if (!upload_ || upload_->id != id) return false;
        upload_->body.append(piece);
        return true;
    }
    bool end_body(hal::RequestId id) override {
        if (!upload_ || upload_->id != id) return false;
        upload_->head.push_back(body_field(upload_->body));
        note("http", std::move(upload_->head));
        upload_.reset();
        return true;
    }
    void cancel(hal::RequestId id) override {
        if (upload_ && upload_->id == id) {  // never left the board whole: nothing to note
            upload_.reset();
            return;
        }
        note("cancel", {{"id", std::to_string(id)}});
    }
    void report(hal::SetupProgress p) override { note("setup_report", {{"progress", std::string(hal::to_string(p))}}); }
    // The loudspeaker tap: the sentence is noted, then said by the board's own speech.
    void say(std::string_view text) override {
        note("speech", {{"text", std::string(text)}});
        if (loudspeaker) loudspeaker->say(text);
    }
    void stop() override {
        if (loudspeaker) loudspeaker->stop();
    }

    // What the board shows, noted when it changed (as the board agent reports Status).
    void sample(const sim::VirtualBoard& board) {
        Fields now{{"device", std::string(fw::to_string(board.device_state()))},
                   {"auth", std::string(fw::to_string(board.auth_state()))},
                   {"ring", std::string(fw::to_string(board.ring_pattern()))},
                   {"user_code", board.user_code()},
                   {"audio", std::to_string(board.device_audio_samples())}};
        if (now == shown_) return;
        shown_ = now;
        note("status", std::move(now));
    }

    hal::Speech* loudspeaker = nullptr;

private:
    void note(std::string kind, Fields fields) {
        out_.push_back(SessionEvent{scheduler_.now(), SessionEvent::Dir::Out, std::move(kind), std::move(fields)});
    }
    struct Upload {
        hal::RequestId id = 0;
        Fields head;
        std::string body;
    };
    const sim::Scheduler& scheduler_;
    std::deque<SessionEvent>& out_;
    std::optional<Upload> upload_;
    Fields shown_{{"device", "off"}, {"auth", "unlinked"}, {"ring", "off"}, {"user_code", ""}, {"audio", "0"}};
};

fw::AuthDialect dialect_of(const std::string& name) { return name == "lwa" ? fw::AuthDialect::Lwa : fw::AuthDialect::Rfc8628; }

long long number(const SessionEvent& e, const char* name) { return std::strtoll(e.get(name).c_str(), nullptr, 10); }

class Replay {
public:
    explicit Replay(const Recording& r)
        : recording_(r),
          world_(scheduler_, actual_),
          board_(sim::DeviceContext{r.seed, r.issuer, r.client_id, r.scope, r.product_id, r.serial_number,
                                    dialect_of(r.dialect), r.rtc_unix, scheduler_, bus_, trace_, world_, world_, world_}) {
        world_.loudspeaker = &board_.speech_part();
        sim::Interposers taps;
        taps.speech = &world_;
        taps.after_dispatch = [this](const fw::Speaker&) { world_.sample(board_); };
        board_.interpose(std::move(taps));
        for (const SessionEvent& e : r.events)
            if (e.dir == SessionEvent::Dir::Out) expected_.push_back(e);
    }

    ReplayOutcome run() {
        for (const SessionEvent& e : recording_.events) {
            if (e.dir != SessionEvent::Dir::In) continue;
            run_to(e.at);
            if (outcome_.divergence) return outcome_;
            apply(e);
            ++outcome_.inputs;
            compare(e.at);
            if (outcome_.divergence) return outcome_;
        }
        run_to(recording_.end);
        if (!outcome_.divergence && !expected_.empty()) diverge(expected_.front().at, &expected_.front(), nullptr);
        return outcome_;
    }

private:
    // The board's own events up to `t`, comparing after each instant.
    void run_to(Millis t) {
        for (;;) {
            const auto next = scheduler_.next_time();
            if (!next || *next > t) break;
            const Millis instant = *next;
            while (scheduler_.run_next(instant)) {
            }
            compare(instant);
            if (outcome_.divergence) return;
        }
        scheduler_.advance_to(t);
        compare(t);
    }

    void apply(const SessionEvent& e) {
        if (e.kind == "power") {
            if (e.get("on") == "1") board_.power_on();
            else {
                board_.power_off();
                world_.sample(board_);
            }
        } else if (e.kind == "button") {
            hal::Button b{};
            fw::parse(e.get("button"), b);
            bus_.dispatch(e.get("pressed") == "1" ? fw::Event::button_down(b) : fw::Event::button_up(b));
        } else if (e.kind == "setup") {
            const std::string ssid = e.get("ssid"), password = e.get("password"), account = e.get("account");
            bus_.dispatch(fw::Event::setup_credentials(
                {ssid, password, account, static_cast<hal::WifiBand>(number(e, "band"))}));
        } else if (e.kind == "wifi") {
            bus_.dispatch(e.get("joined") == "1" ? fw::Event::wifi_joined()
                                                 : fw::Event::wifi_failed(static_cast<hal::WifiFailure>(number(e, "failure"))));
        } else if (e.kind == "http") {
            const std::string content_type = e.get("content_type"), body = body_of(e);
            hal::HttpResponse r;
            r.error = static_cast<hal::TransportError>(number(e, "error"));
            r.status = static_cast<int>(number(e, "status"));
            r.retry_after_s = static_cast<std::uint32_t>(number(e, "retry_after"));
            r.date_unix = number(e, "date");
            r.content_type = content_type;
            r.body = body;
            bus_.dispatch(fw::Event::http_done(static_cast<hal::RequestId>(number(e, "id")), r));
        } else if (e.kind == "say") {
            board_.say(e.get("text"), static_cast<int>(number(e, "voice")));
        } else if (e.kind == "reflash") {
            board_.reflash_client_id(e.get("client_id"));
        }
    }

    // Everything the virtual board did so far against what the recorded board did by `now`.
    void compare(Millis now) {
        while (!actual_.empty()) {
            const SessionEvent got = actual_.front();
            actual_.pop_front();
            if (expected_.empty() || !expected_.front().same_as(got)) {
                const SessionEvent* want = expected_.empty() ? nullptr : &expected_.front();
                return diverge(want && want->at < got.at ? want->at : got.at, want, &got);
            }
            expected_.pop_front();
            ++outcome_.outputs_matched;
        }
        if (!expected_.empty() && expected_.front().at < now) diverge(expected_.front().at, &expected_.front(), nullptr);
    }

    void diverge(Millis at, const SessionEvent* want, const SessionEvent* got) {
        std::string where;
        for (const RecordedStep& s : recording_.steps)
            if (s.started <= at) outcome_.step = s;
        if (outcome_.step)
            where = ", in step " + std::to_string(outcome_.step->number) + " at " + recording_.scenario_file + ":" +
                    std::to_string(outcome_.step->line) + ": " + outcome_.step->text;
        const auto said = [](const SessionEvent& e) { return e.describe() + " at " + text::format_timestamp(e.at); };
        outcome_.divergence = "first divergence at virtual " + text::format_timestamp(at) + where +
                              "\n  the recorded board:  " + (want ? said(*want) : std::string("nothing more")) +
                              "\n  the virtual speaker: " + (got ? said(*got) : std::string("nothing by then"));
    }

    const Recording& recording_;
    sim::Scheduler scheduler_;
    sim::TraceRecorder trace_{scheduler_};
    sim::DeviceBus bus_{scheduler_};
    std::deque<SessionEvent> actual_;
    std::deque<SessionEvent> expected_;
    ReplayWorld world_;
    sim::VirtualBoard board_;
    ReplayOutcome outcome_;
};

} // namespace

ReplayOutcome replay(const Recording& recording) { return Replay(recording).run(); }

} // namespace ringside::hil
