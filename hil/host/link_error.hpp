#pragma once
// The one error type of the host side of the link. Its message is a whole sentence that
// names the port and what happened ("board on /dev/pts/3 sent no HelloAck within 2 s",
// "the port tcp:127.0.0.1:4001 closed"), so callers print what() as it is; kind() lets
// them choose an exit code or a retry. Who may call: anything on the host side.
#include <chrono>
#include <stdexcept>
#include <string>

namespace ringside::hil {

class LinkError : public std::runtime_error {
public:
    enum class Kind {
        BadPortSpec,    // the --port text is none of the accepted forms
        Unsupported,    // a recognised form this caller cannot open (e.g. `emulator`)
        NotFound,       // no such device, USB serial number or host
        Busy,           // another program holds the port
        NoPermission,   // the OS refused access (dialout group?)
        ConnectFailed,  // TCP: refused, unreachable, or not accepted in time
        Timeout,        // the board did not answer (or accept bytes) in time
        Closed,         // the other end went away: peer closed, PTY gone, USB pulled
        WrongProtocol,  // the board speaks another protocol version
        Damaged,        // frames arrived corrupt or went missing
        BoardFault,     // the board sent a Fault and halted (heap trap, HardFault, assert)
        Io,             // any other OS error
    };

    LinkError(Kind kind, std::string port, const std::string& message)
        : std::runtime_error(message), kind_(kind), port_(std::move(port)) {}

    Kind kind() const { return kind_; }
    const std::string& port() const { return port_; }  // as describe() names it

    // True for the kinds that mean "could not open this port at all" (the CLI's exit 2).
    bool is_open_failure() const {
        return kind_ == Kind::BadPortSpec || kind_ == Kind::Unsupported || kind_ == Kind::NotFound ||
               kind_ == Kind::Busy || kind_ == Kind::NoPermission || kind_ == Kind::ConnectFailed;
    }

private:
    Kind kind_;
    std::string port_;
};

// "2 s" for whole seconds, "300 ms" otherwise: how every message writes a duration.
std::string describe_duration(std::chrono::milliseconds d);

} // namespace ringside::hil
