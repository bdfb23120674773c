#pragma once
// What `--port` names (DESIGN.md §3): `tcp:HOST:PORT` (a network serial server such as
// ser2net), `emulator` (the harness starts the project's board emulator itself), `qemu` (the
// harness starts the STM32F405 board image in QEMU), a device
// path (/dev/ttyUSB0, /dev/pts/3, a symlink), or a port name / USB serial number as
// `ringside hil ports` lists them. Parsing only reads the text: nothing is opened or
// looked up, and any host a user types is accepted. Who may call: the CLI, the runner.
#include <cstdint>
#include <string>

namespace ringside::hil {

struct PortSpec {
    enum class Kind : std::uint8_t {
        Tcp,           // host, tcp_port
        Emulator,      // reserved: the caller starts the emulator and hands over its PTY
        Qemu,          // reserved: the caller starts QEMU and hands over its socket
        DevicePath,    // path: begins with '/' or '.'
        NameOrSerial,  // name: a port name (ttyUSB0, COM3) or a USB serial number
    };
    Kind kind = Kind::DevicePath;
    std::string text;   // as the user wrote it
    std::string host;   // Tcp: without brackets ("::1")
    std::uint16_t tcp_port = 0;
    std::string path;   // DevicePath, NameOrSerial: what to open
};

// Parses a --port value. Throws LinkError (BadPortSpec) whose message quotes the text and
// lists the accepted forms, e.g. "bad --port 'tcp:localhost': expected tcp:HOST:PORT ...".
PortSpec parse_port_spec(const std::string& text);

// The accepted forms, for usage texts and errors.
inline constexpr const char* kPortForms =
    "tcp:HOST:PORT (e.g. tcp:127.0.0.1:4001 or tcp:[::1]:4001), emulator, qemu, a device path such as "
    "/dev/ttyUSB0 or /dev/pts/3, or a port name or USB serial number from 'ringside hil ports'";

} // namespace ringside::hil
