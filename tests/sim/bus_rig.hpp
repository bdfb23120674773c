#pragma once
// Test helpers: a DeviceBus sink that copies every delivered event, with the world time it
// arrived, into plain values (event views die with the dispatch), and a rig that stands in
// for a powered firmware with it.
#include <string>
#include <vector>

#include "firmware/core/event.hpp"
#include "sim/board/device_bus.hpp"

namespace ringside::sim::test {

struct LoggedEvent {
    Millis at{0};
    fw::EventType type = fw::EventType::TimerExpired;
    hal::TimerId timer = 0;
    hal::RequestId request = 0;
    hal::TransportError error = hal::TransportError::None;
    int status = 0;
    std::string content_type;
    std::string body;
    std::uint32_t retry_after_s = 0;
    std::int64_t date_unix = 0;
    std::string ssid, password, account;
};

struct EventLog {
    std::vector<LoggedEvent> events;

    DeviceBus::Sink sink(const Scheduler& scheduler) {
        return [this, &scheduler](const fw::Event& e) {
            LoggedEvent l;
            l.at = scheduler.now();
            l.type = e.type;
            l.timer = e.timer;
            l.request = e.request;
            l.error = e.response.error;
            l.status = e.response.status;
            l.content_type.assign(e.response.content_type);
            l.body.assign(e.response.body);
            l.retry_after_s = e.response.retry_after_s;
            l.date_unix = e.response.date_unix;
            l.ssid.assign(e.setup.ssid);
            l.password.assign(e.setup.password);
            l.account.assign(e.setup.account_hint);
            events.push_back(l);
        };
    }
};

// A scheduler and a bus with an EventLog attached, as if a firmware were powered.
struct BusRig {
    Scheduler scheduler;
    DeviceBus bus{scheduler};
    EventLog log;
    BusRig() { bus.attach(log.sink(scheduler)); }
};

inline void run_all(Scheduler& s, Millis limit) {
    while (s.run_next(limit)) {
    }
}

} // namespace ringside::sim::test
