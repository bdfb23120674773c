#include "hil/host/serial_ports.hpp"

#include <libserialport.h>

namespace ringside::hil {
namespace {

std::string text(const char* s) { return s ? s : ""; }

SerialPortInfo describe(sp_port* port) {
    SerialPortInfo info;
    info.name = text(sp_get_port_name(port));
    info.description = text(sp_get_port_description(port));
    switch (sp_get_port_transport(port)) {
    case SP_TRANSPORT_USB: info.transport = "usb"; break;
    case SP_TRANSPORT_BLUETOOTH: info.transport = "bluetooth"; break;
    default: info.transport = "native"; break;
    }
    if (sp_get_port_transport(port) == SP_TRANSPORT_USB) {
        sp_get_port_usb_vid_pid(port, &info.usb_vid, &info.usb_pid);
        info.usb_serial = text(sp_get_port_usb_serial(port));
    }
    return info;
}

} // namespace

std::vector<SerialPortInfo> list_serial_ports() {
    std::vector<SerialPortInfo> ports;
    sp_port** list = nullptr;
    if (sp_list_ports(&list) != SP_OK) return ports;
    for (sp_port** p = list; *p; ++p) ports.push_back(describe(*p));
    sp_free_port_list(list);
    return ports;
}

std::optional<SerialPortInfo> find_serial_port(const std::string& name_or_serial, std::string& why) {
    for (const SerialPortInfo& port : list_serial_ports())
        if (port.name == name_or_serial || (!port.usb_serial.empty() && port.usb_serial == name_or_serial)) return port;
    sp_port* port = nullptr;
    if (sp_get_port_by_name(name_or_serial.c_str(), &port) == SP_OK) {
        SerialPortInfo info = describe(port);
        sp_free_port(port);
        return info;
    }
    why = "no serial port named '" + name_or_serial + "' and none with that USB serial number (see 'ringside hil ports')";
    return std::nullopt;
}

} // namespace ringside::hil
