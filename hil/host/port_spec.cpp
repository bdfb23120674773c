#include "hil/host/port_spec.hpp"

#include "hil/host/link_error.hpp"

namespace ringside::hil {
namespace {

[[noreturn]] void bad(const std::string& text, const std::string& problem) {
    throw LinkError(LinkError::Kind::BadPortSpec, text,
                    "bad --port '" + text + "': " + problem + "; expected " + kPortForms);
}

std::uint16_t parse_tcp_port(const std::string& text, const std::string& digits) {
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos)
        bad(text, "the TCP port '" + digits + "' is not a number from 1 to 65535");
    const unsigned long value = std::stoul(digits);
    if (value < 1 || value > 65535) bad(text, "the TCP port " + digits + " is not from 1 to 65535");
    return static_cast<std::uint16_t>(value);
}

PortSpec parse_tcp(const std::string& text) {
    const std::string rest = text.substr(4);  // after "tcp:"
    PortSpec spec;
    spec.kind = PortSpec::Kind::Tcp;
    spec.text = text;
    std::string port;
    if (!rest.empty() && rest[0] == '[') {  // [IPv6]:PORT
        const auto close = rest.find(']');
        if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            bad(text, "an IPv6 host is written [ADDRESS]:PORT");
        spec.host = rest.substr(1, close - 1);
        port = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string::npos) bad(text, "no TCP port after the host");
        spec.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
        if (spec.host.find(':') != std::string::npos) bad(text, "an IPv6 host is written [ADDRESS]:PORT");
    }
    if (spec.host.empty()) bad(text, "no host before the TCP port");
    spec.tcp_port = parse_tcp_port(text, port);
    return spec;
}

} // namespace

PortSpec parse_port_spec(const std::string& text) {
    if (text.empty()) bad(text, "it is empty");
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) bad(text, "it contains a control character");
    if (text.front() == ' ' || text.back() == ' ') bad(text, "it has leading or trailing spaces");
    if (text.compare(0, 4, "tcp:") == 0) return parse_tcp(text);
    PortSpec spec;
    spec.text = text;
    if (text == "emulator") {
        spec.kind = PortSpec::Kind::Emulator;
        return spec;
    }
    if (text == "qemu") {
        spec.kind = PortSpec::Kind::Qemu;
        return spec;
    }
    if (text.find("://") != std::string::npos) bad(text, "URLs are not ports");
    spec.kind = text.front() == '/' || text.front() == '.' ? PortSpec::Kind::DevicePath : PortSpec::Kind::NameOrSerial;
    spec.path = text;
    return spec;
}

} // namespace ringside::hil
