#include "cloud/server/answer_delivery.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "cloud/service/json_writer.hpp"
#include "cloud/service/virtual_time_headers.hpp"
#include "cloud/server/blocking_wait.hpp"
#include "cloud/server/wire_faults.hpp"

namespace ringside::cloud {
namespace {

// Every wait a fault asks for (a delay, a dribble, a held drop) is capped, so that no test
// can park a server thread for long.
constexpr Millis kMaxWait = std::chrono::minutes(2);
// A dribble writes a piece about this often: slow enough to be a dribble, fast enough that
// its end is close to the span asked for.
constexpr Millis kDribbleStep{50};

void answer(const CloudResponse& response, httplib::Response& to) {
    to.status = response.status;
    for (const auto& [name, value] : response.headers) to.set_header(name, value);
}

// The fault could not be done on this socket: say so loudly instead of answering normally.
void could_not(const char* what, httplib::Response& to) {
    to.status = 500;
    to.set_header("Cache-Control", "no-store");
    to.set_content(JsonObjectWriter()
                       .string("error", "server_error")
                       .string("error_description", std::string("the mock cloud could not find this exchange's socket to ") + what)
                       .finish(),
                   "application/json");
}

// The body in equal pieces, each written after its share of the span (so the last byte goes
// out when the span ends); Content-Length is the whole body's, sent up front.
void dribble(const CloudResponse& response, httplib::Response& to) {
    const Millis span = std::min(response.dribble, kMaxWait);
    auto body = std::make_shared<const std::string>(response.body);
    if (body->empty()) {
        const BlockingWait waiting;
        std::this_thread::sleep_for(span);  // nothing to spread: the answer ends after the span
        to.set_content("", response.content_type);
        return;
    }
    const auto pieces = static_cast<std::size_t>(std::clamp<long long>(span / kDribbleStep, 1, static_cast<long long>(body->size())));
    const std::size_t piece = (body->size() + pieces - 1) / pieces;
    const Millis pause = span / static_cast<long long>(pieces);
    // httplib calls this until the whole length is written, or it returns false (the client
    // went away): at most `pieces` calls.
    to.set_content_provider(body->size(), response.content_type,
                            [body, piece, pause](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                {
                                    const BlockingWait waiting;
                                    std::this_thread::sleep_for(pause);
                                }
                                return sink.write(body->data() + offset, std::min(piece, length));
                            });
}

// A tenant's clock is the client's: holding or breaking the exchange in real time would say
// nothing about virtual time, so each fault is stated for the client to play in its world.
void describe(const CloudResponse& response, httplib::Response& to) {
    answer(response, to);
    if (response.delay > Millis(0)) to.set_header(kVirtualDelayHeader, std::to_string(response.delay.count()));
    if (response.dribble > Millis(0)) to.set_header(kVirtualDribbleHeader, std::to_string(response.dribble.count()));
    if (response.broken != Break::None) to.set_header(kVirtualBreakHeader, to_string(response.broken));
    if (response.dropped) {
        to.status = 504;
        to.set_header(kVirtualDropHeader, "1");
    }
    // A break that sends nothing has no status of its own; the header is what counts.
    if (to.status < 100) to.status = 502;
    to.set_content(response.body, response.content_type);
}

} // namespace

void deliver(const CloudResponse& response, const httplib::Request& request, httplib::Response& to, bool virtual_clock) {
    if (virtual_clock) return describe(response, to);
    if (response.dropped) {
        const BlockingWait waiting;
        if (!hold_then_close(request, kMaxWait)) could_not("hold it unanswered", to);
        return;
    }
    // An injected delay holds this worker, not the cloud: other requests go on meanwhile.
    if (response.delay > Millis(0)) {
        const BlockingWait waiting;
        std::this_thread::sleep_for(std::min(response.delay, kMaxWait));
    }
    if (response.broken != Break::None) {
        if (!break_exchange(response, request)) could_not("break it", to);
        return;
    }
    answer(response, to);
    if (response.dribble > Millis(0)) return dribble(response, to);
    to.set_content(response.body, response.content_type);
}

} // namespace ringside::cloud
