// The --port argument: every accepted form, and the errors that name what was expected.
#include <catch2/catch.hpp>

#include "hil/host/link_error.hpp"
#include "hil/host/port_spec.hpp"

using namespace ringside::hil;

TEST_CASE("port spec: tcp:HOST:PORT, with names, IPv4 and bracketed IPv6", "[hil_host]") {
    PortSpec s = parse_port_spec("tcp:127.0.0.1:4001");
    CHECK(s.kind == PortSpec::Kind::Tcp);
    CHECK(s.host == "127.0.0.1");
    CHECK(s.tcp_port == 4001);
    s = parse_port_spec("tcp:[::1]:65535");
    CHECK(s.host == "::1");
    CHECK(s.tcp_port == 65535);
    s = parse_port_spec("tcp:lab-serial-3.example.net:7001");  // parsed, not contacted: any host a user types
    CHECK(s.host == "lab-serial-3.example.net");
    CHECK(s.tcp_port == 7001);
}

TEST_CASE("port spec: emulator, device paths, port names and USB serial numbers", "[hil_host]") {
    CHECK(parse_port_spec("emulator").kind == PortSpec::Kind::Emulator);
    PortSpec s = parse_port_spec("/dev/ttyUSB0");
    CHECK(s.kind == PortSpec::Kind::DevicePath);
    CHECK(s.path == "/dev/ttyUSB0");
    CHECK(parse_port_spec("./ttyV0").kind == PortSpec::Kind::DevicePath);
    s = parse_port_spec("A50285BI");
    CHECK(s.kind == PortSpec::Kind::NameOrSerial);
    CHECK(s.path == "A50285BI");
    CHECK(parse_port_spec("ttyACM0").kind == PortSpec::Kind::NameOrSerial);
}

TEST_CASE("port spec: bad input says what was wrong and what is expected", "[hil_host]") {
    const auto error_of = [](const std::string& text) -> std::string {
        try {
            parse_port_spec(text);
        } catch (const LinkError& e) {
            CHECK(e.kind() == LinkError::Kind::BadPortSpec);
            return e.what();
        }
        return "(accepted)";
    };
    CHECK_THAT(error_of(""), Catch::StartsWith("bad --port '': it is empty; expected tcp:HOST:PORT"));
    CHECK_THAT(error_of("tcp:127.0.0.1"), Catch::StartsWith("bad --port 'tcp:127.0.0.1': no TCP port after the host"));
    CHECK_THAT(error_of("tcp:127.0.0.1:0"), Catch::Contains("the TCP port 0 is not from 1 to 65535"));
    CHECK_THAT(error_of("tcp:127.0.0.1:70000"), Catch::Contains("is not from 1 to 65535"));
    CHECK_THAT(error_of("tcp:127.0.0.1:40x1"), Catch::Contains("the TCP port '40x1' is not a number"));
    CHECK_THAT(error_of("tcp::4001"), Catch::Contains("no host before the TCP port"));
    CHECK_THAT(error_of("tcp:::1:4001"), Catch::Contains("an IPv6 host is written [ADDRESS]:PORT"));
    CHECK_THAT(error_of("tcp:[::1]4001"), Catch::Contains("an IPv6 host is written [ADDRESS]:PORT"));
    CHECK_THAT(error_of("rfc2217://host:4001"), Catch::Contains("URLs are not ports"));
    CHECK_THAT(error_of("/dev/tty\nUSB0"), Catch::Contains("control character"));
    CHECK_THAT(error_of("tcp:x"), Catch::Contains("expected tcp:HOST:PORT (e.g. tcp:127.0.0.1:4001"));
}
