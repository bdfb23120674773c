// Shaped answers (cloud/faults/answer_shape.hpp): members omitted or set to exact JSON text,
// and the same through the fault table in front of the service.
#include <catch2/catch.hpp>

#include "cloud/faults/answer_shape.hpp"
#include "cloud/service/cloud_service.hpp"
#include "cloud/cloud_test_support.hpp"

using namespace ringside::cloud;

TEST_CASE("a shape omits members and sets others to exact JSON text, keeping the order", "[cloud][shape]") {
    const std::string body = R"({"device_code":"d","expires_in":600,"interval":5,"user_code":"BCDF-GHJK"})";
    AnswerShape shape;
    shape.omit = {"interval"};
    shape.set = {{"expires_in", "\"3600\""}, {"extra", "-9223372036854775807"}};
    CHECK(reshape_json_object(body, shape) ==
          R"({"device_code":"d","expires_in":"3600","user_code":"BCDF-GHJK","extra":-9223372036854775807})");
    CHECK(reshape_json_object(body, AnswerShape{}) == body);
}

TEST_CASE("a shape leaves an answer that is not a JSON object as it is", "[cloud][shape]") {
    AnswerShape shape;
    shape.omit = {"interval"};
    CHECK(reshape_json_object("<html>502</html>", shape) == "<html>502</html>");
    CHECK(reshape_json_object("[1,2]", shape) == "[1,2]");
    CHECK(is_json_value("\"3600\""));
    CHECK(is_json_value("-9223372036854775807"));
    CHECK_FALSE(is_json_value("3600 3600"));
    CHECK_FALSE(is_json_value(""));
}

TEST_CASE("a shape fault edits the service's own device authorization answer", "[cloud][shape]") {
    CloudService cloud(CloudConfig{});
    Fault fault;
    fault.endpoint = "device_authorization";
    fault.omit = {"interval"};
    fault.set = {{"expires_in", "\"600\""}};
    cloud.add_fault(fault);
    const CloudResponse shaped = cloud.handle(cloud_test::post_form("/oauth2/device_authorization", {{"client_id", cloud_test::kClient}}), Millis(0));
    REQUIRE(shaped.status == 200);
    CHECK(shaped.body.find("\"interval\"") == std::string::npos);
    CHECK(shaped.body.find("\"expires_in\":\"600\"") != std::string::npos);
    CHECK(shaped.body.find("\"device_code\":\"") != std::string::npos);
    // count: 1 — the next answer is the service's own again.
    const CloudResponse plain = cloud.handle(cloud_test::post_form("/oauth2/device_authorization", {{"client_id", cloud_test::kClient}}), Millis(0));
    CHECK(plain.body.find("\"interval\":5") != std::string::npos);
}
