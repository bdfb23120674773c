#pragma once
// Physical serial ports as libserialport sees them (the only file that includes it): what
// `ringside hil ports` lists, and finding a board by port name or USB serial number.
// libserialport 0.1.1 cannot open pseudo-terminals, so the board emulator is reached
// through a file-descriptor transport instead (issue 5). Who may call: the CLI, the host driver.
#include <optional>
#include <string>
#include <vector>

namespace ringside::hil {

struct SerialPortInfo {
    std::string name;           // e.g. /dev/ttyUSB0
    std::string description;    // e.g. "CP2102 USB to UART Bridge Controller"
    std::string transport;      // "usb", "bluetooth", "native"
    int usb_vid = -1, usb_pid = -1;
    std::string usb_serial;     // empty when not USB or not reported
};

// Every serial port the system reports. An empty list when there are none.
std::vector<SerialPortInfo> list_serial_ports();

// A port by its name or by its USB serial number; nullopt with `why` set when there is no
// such port.
std::optional<SerialPortInfo> find_serial_port(const std::string& name_or_serial, std::string& why);

} // namespace ringside::hil
