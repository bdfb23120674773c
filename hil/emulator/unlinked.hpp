#pragma once
// A radio with no network, a network with no route and a setup channel nobody listens on:
// what the emulator's virtual board is built with before the agent's link proxies take
// their place (sim/board/virtual_board.hpp's interposers). Never reached once interposed.
#include "firmware/hal/http_client.hpp"
#include "firmware/hal/setup_channel.hpp"
#include "firmware/hal/wifi.hpp"

namespace ringside::hil {

struct Unlinked final : hal::Wifi, hal::HttpClient, hal::SetupChannel {
    void join(std::string_view, std::string_view) override {}
    void leave() override {}
    bool send(hal::RequestId, const hal::HttpRequest&) override { return false; }
    bool send_body(hal::RequestId, std::string_view) override { return false; }
    bool end_body(hal::RequestId) override { return false; }
    void cancel(hal::RequestId) override {}
    void report(hal::SetupProgress) override {}
};

} // namespace ringside::hil
