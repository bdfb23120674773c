#pragma once
// cpp-httplib clients, one per origin, set up as the speaker's transport uses them: a new
// connection per exchange (a speaker's exchanges are seconds apart, and a server's idle
// timeout — 5 s is common, cpp-httplib's own — would race a reused connection and break an
// exchange now and then), no Nagle delay, connect and read/write timeouts in milliseconds,
// and the server's certificate checked against `ca_file` (empty: the system's CAs).
// Who may call: the HTTP clients of sim/cloud_client, each from its own thread.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <httplib.h>

namespace ringside::sim {

// What a failed exchange is called in fleet and approver figures: connection_failed,
// timeout, tls_failed or broken.
inline const char* failure_name(httplib::Error error) {
    switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::BindIPAddress: return "connection_failed";
    case httplib::Error::ConnectionTimeout: return "timeout";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification: return "tls_failed";
    default: return "broken";
    }
}

class ExchangeClients {
public:
    ExchangeClients(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds read_timeout, std::string ca_file)
        : connect_(connect_timeout), read_(read_timeout), ca_file_(std::move(ca_file)) {}

    // The client for `origin` (scheme://host:port), made on first use.
    httplib::Client& operator[](const std::string& origin) {
        auto& slot = clients_[origin];
        if (!slot) {
            slot = std::make_unique<httplib::Client>(origin);
            slot->set_keep_alive(false);
            slot->set_tcp_nodelay(true);
            slot->set_connection_timeout(connect_.count() / 1000, (connect_.count() % 1000) * 1000);
            slot->set_read_timeout(read_.count() / 1000, (read_.count() % 1000) * 1000);
            slot->set_write_timeout(read_.count() / 1000, (read_.count() % 1000) * 1000);
            if (!ca_file_.empty()) slot->set_ca_cert_path(ca_file_.c_str());
            slot->enable_server_certificate_verification(true);
        }
        return *slot;
    }

private:
    std::chrono::milliseconds connect_, read_;
    std::string ca_file_;
    std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

} // namespace ringside::sim
