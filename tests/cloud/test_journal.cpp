// The request journal: what it records, and what it must never record.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

TEST_CASE("the journal records one classified entry per request", "[cloud][journal]") {
    CloudService cloud(CloudConfig{});
    cloud.handle(get("/.well-known/oauth-authorization-server"), 1ms);
    const DeviceStart start = start_device_flow(cloud, 2ms);
    poll(cloud, start.device_code, 3ms);
    cloud.approve(start.user_code, "demo", 4ms);
    const CloudResponse tokens = poll(cloud, start.device_code, 5ms);
    refresh(cloud, str(tokens, "refresh_token"), 6ms);
    cloud.handle(post_form("/oauth2/token", {{"grant_type", "password"}, {"client_id", kClient}}), 7ms);
    cloud.handle(post_form("/oauth2/revoke", {{"token", "x"}, {"client_id", kClient}}), 8ms);
    cloud.handle(get("/nowhere"), 9ms);

    const auto& journal = cloud.journal();
    REQUIRE(journal.size() == 8);  // approve() is not an HTTP request

    CHECK(journal[0].at == 1ms);
    CHECK(journal[0].method == "GET");
    CHECK(journal[0].path == "/.well-known/oauth-authorization-server");
    CHECK(journal[0].endpoint == "metadata");
    CHECK(journal[0].status == 200);
    CHECK(journal[0].error.empty());
    CHECK(journal[0].grant_type.empty());

    CHECK(journal[1].endpoint == "device_authorization");
    CHECK(journal[1].method == "POST");
    CHECK(journal[1].client_id == kClient);
    CHECK(journal[1].status == 200);

    CHECK(journal[2].endpoint == "token");
    CHECK(journal[2].grant_type == "device_code");
    CHECK(journal[2].client_id == kClient);
    CHECK(journal[2].status == 400);
    CHECK(journal[2].error == "authorization_pending");
    CHECK(journal[2].at == 3ms);

    CHECK(journal[3].grant_type == "device_code");
    CHECK(journal[3].status == 200);
    CHECK(journal[3].error.empty());

    CHECK(journal[4].grant_type == "refresh_token");
    CHECK(journal[4].status == 200);

    CHECK(journal[5].grant_type == "password");
    CHECK(journal[5].error == "unsupported_grant_type");

    CHECK(journal[6].endpoint == "revoke");
    CHECK(journal[6].status == 200);
    CHECK(journal[6].grant_type.empty());

    CHECK(journal[7].endpoint == "other");
    CHECK(journal[7].status == 404);
    CHECK(journal[7].error == "not_found");

    for (const JournalEntry& entry : journal) CHECK_FALSE(entry.faulted);
}

TEST_CASE("the journal marks faulted requests", "[cloud][journal]") {
    CloudService cloud(CloudConfig{});
    Fault fault;
    fault.endpoint = "token";
    fault.grant_type = "device_code";
    fault.oauth_error = "slow_down";
    cloud.add_fault(fault);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    poll(cloud, start.device_code, 1s);
    poll(cloud, start.device_code, 6s);

    const auto& journal = cloud.journal();
    REQUIRE(journal.size() == 3);
    CHECK_FALSE(journal[0].faulted);
    CHECK(journal[1].faulted);
    CHECK(journal[1].status == 400);
    CHECK(journal[1].error == "slow_down");
    CHECK(journal[1].grant_type == "device_code");
    CHECK(journal[1].client_id == kClient);
    CHECK_FALSE(journal[2].faulted);
    CHECK(journal[2].error == "authorization_pending");
}

TEST_CASE("the journal never holds tokens, codes or passwords", "[cloud][journal]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "", "correct horse"});
    CloudService cloud(config);

    std::vector<std::string> secrets = {"correct horse", "demo-password-never-sent"};
    const DeviceStart start = start_device_flow(cloud, 0ms);
    secrets.push_back(start.device_code);
    secrets.push_back(start.user_code);
    secrets.push_back(normalise_user_code(start.user_code));
    poll(cloud, start.device_code, 1s);
    // The verification page receives the user code and the password.
    cloud.handle(post_form("/device", {{"user_code", start.user_code},
                                       {"email", "jane@example.com"},
                                       {"password", "correct horse"},
                                       {"action", "approve"}}),
                 2s);
    const CloudResponse tokens = poll(cloud, start.device_code, 7s);
    REQUIRE(tokens.status == 200);
    secrets.push_back(str(tokens, "access_token"));
    secrets.push_back(str(tokens, "refresh_token"));
    const CloudResponse renewed = refresh(cloud, str(tokens, "refresh_token"), 8s);
    secrets.push_back(str(renewed, "access_token"));
    secrets.push_back(str(renewed, "refresh_token"));
    cloud.handle(post_form("/oauth2/revoke", {{"token", str(renewed, "refresh_token")}, {"client_id", kClient}}), 9s);
    // Even a secret sent where a path or grant type belongs.
    cloud.handle(post_form("/oauth2/token", {{"grant_type", "weird"}, {"client_id", kClient},
                                             {"refresh_token", str(renewed, "access_token")}}),
                 10s);

    REQUIRE(cloud.journal().size() == 7);
    for (const JournalEntry& entry : cloud.journal()) {
        for (const std::string& field :
             {entry.method, entry.path, entry.endpoint, entry.grant_type, entry.client_id, entry.error}) {
            for (const std::string& secret : secrets) {
                INFO("field \"" << field << "\" secret \"" << secret << "\"");
                CHECK(field.find(secret) == std::string::npos);
            }
        }
    }
    CHECK(cloud.journal()[2].endpoint == "verification");
}
