#include <catch2/catch.hpp>

#include <string>

#include "bus_rig.hpp"
#include "sim/app/companion_app.hpp"
#include "sim/board/cloud_wire.hpp"
#include "sim/board/inproc_http_client.hpp"
#include "cloud/service/cloud_service.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

// The app and the transport against the real mock cloud, with a logging stand-in firmware.
struct AppRig : sim::test::BusRig {
    sim::TraceRecorder trace{scheduler};
    cloud::CloudService cloud{cloud::CloudConfig{}};
    sim::CompanionApp app{bus, trace, cloud};
    sim::InprocHttpClient http{bus, cloud.config().issuer,
                               [this](const cloud::CloudRequest& r, Millis now) { return cloud.handle(r, now); },
                               nullptr, Millis{20}};
};

bool trace_mentions(const sim::TraceRecorder& trace, const std::string& needle) {
    for (const auto& line : trace.lines()) {
        if ((line.category + line.event + line.detail).find(needle) != std::string::npos) return true;
    }
    return false;
}

} // namespace

TEST_CASE("the app hands credentials over the setup channel after its delay", "[sim][app]") {
    AppRig rig;
    rig.app.provision("Home", "hunter2", "jane");
    run_all(rig.scheduler, Millis{10'000});

    REQUIRE(rig.log.events.size() == 1);
    const auto& e = rig.log.events[0];
    CHECK(e.type == fw::EventType::SetupCredentials);
    CHECK(e.at == sim::CompanionApp::kSetupChannelDelay);
    CHECK(e.ssid == "Home");
    CHECK(e.password == "hunter2");
    CHECK(e.account == "jane");

    REQUIRE(rig.trace.lines().size() == 1);
    CHECK(rig.trace.lines()[0].category == "app");
    CHECK(rig.trace.lines()[0].event == "provision");
    CHECK(rig.trace.lines()[0].detail == "ssid=Home account=jane");
    CHECK_FALSE(trace_mentions(rig.trace, "hunter2"));
}

TEST_CASE("provisioning an unpowered speaker, or one that powers off meanwhile, delivers nothing", "[sim][app]") {
    AppRig rig;
    rig.bus.detach();
    rig.app.provision("Home", "pw", "jane");  // nothing attached
    REQUIRE(rig.trace.lines().size() == 1);
    CHECK(rig.trace.lines()[0].event == "provision_unreachable");

    rig.bus.attach(rig.log.sink(rig.scheduler));
    rig.app.provision("Home", "pw", "jane");
    rig.bus.detach();                              // power cut during the hand-over
    rig.bus.attach(rig.log.sink(rig.scheduler));  // and back on
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.log.events.empty());
}

TEST_CASE("the user approves a code the cloud issued, the trace names the account, not the code", "[sim][app]") {
    AppRig rig;
    REQUIRE(rig.http.send(1, hal::HttpRequest{hal::HttpMethod::Post, "https://auth.ringside.test/oauth2/device_authorization",
                                              "application/x-www-form-urlencoded", "client_id=ringside-speaker&scope=speaker"}));
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].status == 200);
    CHECK(rig.log.events[0].body.find("\"user_code\"") != std::string::npos);

    const auto codes = rig.cloud.pending_user_codes(rig.scheduler.now());
    REQUIRE(codes.size() == 1);
    CHECK(rig.app.approve(codes[0], "demo@example.com") == cloud::ApprovalResult::Approved);
    CHECK(rig.app.approve(codes[0], "demo@example.com") == cloud::ApprovalResult::AlreadyUsed);
    CHECK(rig.app.approve("", "demo@example.com") == cloud::ApprovalResult::UnknownCode);

    REQUIRE(rig.trace.lines().size() == 3);
    CHECK(rig.trace.lines()[0].category == "user");
    CHECK(rig.trace.lines()[0].event == "approve");
    CHECK(rig.trace.lines()[0].detail == "demo@example.com approved");
    CHECK(rig.trace.lines()[2].detail == "demo@example.com unknown_code");
    CHECK_FALSE(trace_mentions(rig.trace, codes[0]));
    CHECK_FALSE(trace_mentions(rig.trace, codes[0].substr(0, 4)));
}

TEST_CASE("the transport reaches the real cloud's metadata and journal", "[sim][http][cloud]") {
    AppRig rig;
    REQUIRE(rig.http.send(2, hal::HttpRequest{hal::HttpMethod::Get,
                                              "https://auth.ringside.test/.well-known/oauth-authorization-server", "", ""}));
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].status == 200);
    CHECK(rig.log.events[0].body.find("\"token_endpoint\"") != std::string::npos);
    REQUIRE(rig.cloud.journal().size() == 1);
    CHECK(rig.cloud.journal()[0].at == Millis{20});  // handled when the request arrived
    CHECK(rig.cloud.journal()[0].endpoint == "metadata");
}
