#include "cli/command_help.hpp"
#include "cli/hil_command.hpp"

#include <cstdio>
#include <iostream>

#include "cli/hil_ping.hpp"
#include "cli/hil_record.hpp"
#include "hil/host/serial_ports.hpp"

namespace ringside::cli {
namespace {

void print(const hil::SerialPortInfo& p) {
    std::cout << p.name << "  " << p.transport;
    if (p.usb_vid >= 0) {
        char ids[16];
        std::snprintf(ids, sizeof ids, "%04x:%04x", p.usb_vid, p.usb_pid);
        std::cout << "  " << ids;
    }
    if (!p.usb_serial.empty()) std::cout << "  serial " << p.usb_serial;
    if (!p.description.empty()) std::cout << "  \"" << p.description << "\"";
    std::cout << "\n";
}

} // namespace

int hil_command(const std::vector<std::string>& args) {
    if (args.size() == 1 && args[0] == "ports") {
        const auto ports = hil::list_serial_ports();
        for (const auto& p : ports) print(p);
        if (ports.empty()) std::cout << "no serial ports found\n";
        return 0;
    }
    if (args.size() == 2 && args[0] == "port") {
        std::string why;
        const auto port = hil::find_serial_port(args[1], why);
        if (!port) {
            std::cerr << "error: " << why << "\n";
            return 2;
        }
        print(*port);
        return 0;
    }
    if (!args.empty() && args[0] == "ping") return hil_ping(args, std::cout, std::cerr);
    if (!args.empty() && args[0] == "record") return hil_record(args, std::cout, std::cerr);
    std::cerr << "error: 'ringside hil' takes ports, port NAME, ping or record; " << see_help("hil") << "\n";
    return 2;
}

} // namespace ringside::cli
