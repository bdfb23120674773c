#pragma once
// A transport over a real serial port through libserialport (this file and serial_ports.cpp
// are the only ones that include it): a USB-UART bridge, an on-board UART. 8 data bits, no
// parity, 1 stop bit, no flow control, at the chosen baud rate. Pseudo-terminals are not
// serial ports to libserialport 0.1.1; open_transport() sends them to FdTransport.
// Who may call: open_transport(), tests.
#include <memory>
#include <string>

#include "hil/host/byte_transport.hpp"

struct sp_port;  // libserialport's, kept out of every other file

namespace ringside::hil {

class SerialTransport final : public ByteTransport {
public:
    // Opens the port named `name_or_usb_serial` (/dev/ttyUSB0, or a USB serial number as
    // `ringside hil ports` shows it) at `baud` bits per second, 8N1, no flow control, and
    // holds it exclusively (TIOCEXCL and an advisory flock, so a second harness or a
    // terminal program gets "busy" instead of stealing half the bytes). Throws LinkError:
    // NotFound (no such port or serial number), Busy, NoPermission, Io (the port refused
    // the settings, e.g. a baud rate it cannot do).
    static std::unique_ptr<SerialTransport> open(const std::string& name_or_usb_serial, int baud = 115200);
    ~SerialTransport() override;
    SerialTransport(const SerialTransport&) = delete;
    SerialTransport& operator=(const SerialTransport&) = delete;

    void write(const std::uint8_t* data, std::size_t size, Deadline deadline) override;
    ReadResult read(std::uint8_t* buffer, std::size_t max, Deadline deadline) override;
    // "/dev/ttyUSB0", or "/dev/ttyUSB0 (USB serial A1B2)" when opened by serial number.
    const std::string& describe() const override { return name_; }

private:
    SerialTransport(sp_port* port, int fd, std::string name) : port_(port), fd_(fd), name_(std::move(name)) {}
    sp_port* port_ = nullptr;
    int fd_ = -1;  // libserialport's own descriptor: reads and writes go through fd_io
    std::string name_;
};

} // namespace ringside::hil
