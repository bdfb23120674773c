// Where `ringside cloud` draws its codes: the OS's CSPRNG by default, so two starts never
// hand out the same user or device code (RFC 6749 §10.10, RFC 8628 §5.2); the seeded
// generator with --seed N, so two starts with one seed hand out the same ones.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

// The first device authorization answer of a freshly started `ringside cloud`: (user code,
// device code).
std::pair<std::string, std::string> first_codes(const std::vector<std::string>& args) {
    CloudProcess cloud(args);
    const HttpResult code =
        curl({"-d", "client_id=ringside-speaker", "-d", "scope=speaker", cloud.issuer() + "/oauth2/device_authorization"});
    REQUIRE(code.status == 200);
    const std::pair<std::string, std::string> codes{field(code, "user_code"), field(code, "device_code")};
    REQUIRE(codes.first.size() == 9);  // XXXX-XXXX
    REQUIRE(codes.second.size() >= 43);
    return codes;
}

} // namespace

TEST_CASE("two starts of ringside cloud without --seed give different user and device codes", "[http][codes]") {
    const auto first = first_codes({});
    const auto second = first_codes({});
    CHECK(first.first != second.first);
    CHECK(first.second != second.second);
}

TEST_CASE("two starts of ringside cloud with the same --seed give the same codes, another seed others", "[http][codes]") {
    const auto first = first_codes({"--seed", "42"});
    const auto second = first_codes({"--seed", "42"});
    CHECK(first == second);
    const auto other = first_codes({"--seed", "43"});
    CHECK(other.first != first.first);
    CHECK(other.second != first.second);
}

TEST_CASE("ringside cloud refuses a --seed that is not a number", "[http][codes]") {
    const CliResult result = run_cli({"cloud", "--port", "0", "--seed", "-1"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("--seed"));
}
