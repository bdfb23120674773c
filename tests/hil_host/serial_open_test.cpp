// Opening ports that are not there: a device path and a USB serial number that no port
// has. Both say clearly what is missing and where to look, and count as "could not open"
// (the CLI's exit 2).
#include <catch2/catch.hpp>

#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "hil/host/serial_transport.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;
using Kind = hil::LinkError::Kind;

namespace {

hil::LinkError open_error(const std::string& port) {
    try {
        hil::open_transport(hil::parse_port_spec(port));
    } catch (const hil::LinkError& e) {
        return e;
    }
    FAIL("opened " << port);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("serial: a missing device path is NotFound, naming it", "[hil_host]") {
    Stopwatch clock;
    const hil::LinkError e = open_error("/dev/ttyRINGSIDE_NO_SUCH_PORT");
    CHECK(e.kind() == Kind::NotFound);
    CHECK(e.is_open_failure());
    CHECK(std::string(e.what()) == "no serial device /dev/ttyRINGSIDE_NO_SUCH_PORT (see 'ringside hil ports')");
    CHECK(clock.ms() < 1000);
}

TEST_CASE("serial: a USB serial number no port has is NotFound, naming it", "[hil_host]") {
    Stopwatch clock;
    const hil::LinkError e = open_error("RINGSIDE-NO-SUCH-SERIAL");
    CHECK(e.kind() == Kind::NotFound);
    CHECK_THAT(e.what(), Catch::Contains("'RINGSIDE-NO-SUCH-SERIAL'") &&
                             Catch::Contains("none with that USB serial number") &&
                             Catch::Contains("ringside hil ports"));
    CHECK(clock.ms() < 1000);
}

TEST_CASE("serial: a device that is no serial port is refused with the OS's reason", "[hil_host]") {
    // /dev/null exists but is no tty: libserialport declines it before opening.
    const hil::LinkError e = open_error("/dev/null");
    CHECK(e.is_open_failure());
    CHECK_THAT(e.what(), Catch::Contains("/dev/null"));
}

TEST_CASE("serial: `--port emulator` and `--port qemu` are recognised but started by the harness, not opened here", "[hil_host]") {
    for (const char* port : {"emulator", "qemu"}) {
        const hil::LinkError e = open_error(port);
        CHECK(e.kind() == Kind::Unsupported);
        CHECK_THAT(e.what(), Catch::Contains("a board the harness starts itself"));
    }
}

TEST_CASE("serial: a bad baud rate is refused before anything is opened", "[hil_host]") {
    hil::OpenOptions options;
    options.baud = 0;
    CHECK_THROWS_WITH(hil::open_transport(hil::parse_port_spec("/dev/ttyUSB0"), options),
                      "bad baud rate 0 for /dev/ttyUSB0: expected e.g. 115200");
}
