#include "cloud/server/cloud_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "cloud/service/json_writer.hpp"
#include "cloud/server/admin_api.hpp"
#include "cloud/server/answer_delivery.hpp"
#include "cloud/server/cloud_host.hpp"
#include "cloud/server/tenants.hpp"
#include "cloud/server/test_ca.hpp"

namespace ringside::cloud {
namespace {

bool is_loopback(const std::string& address) {
    return address == "::1" || address.rfind("127.", 0) == 0 || address.rfind("::ffff:127.", 0) == 0;
}

// The raw query string: httplib decodes params, but the service wants the bytes as sent.
std::string raw_query(const std::string& target) {
    const auto q = target.find('?');
    return q == std::string::npos ? std::string() : target.substr(q + 1);
}

CloudRequest to_cloud(const httplib::Request& req) {
    CloudRequest r;
    r.method = req.method;
    r.path = req.path;
    r.query = raw_query(req.target);
    r.content_type = req.get_header_value("Content-Type");
    r.body = req.body;
    r.authorization = req.get_header_value("Authorization");
    return r;
}

void send(const CloudResponse& from, httplib::Response& to) {
    to.status = from.status;
    for (const auto& [name, value] : from.headers) to.set_header(name, value);
    to.set_content(from.body, from.content_type);
}

void send_error(int status, std::string_view code, std::string_view description, httplib::Response& res) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(JsonObjectWriter().string("error", code).string("error_description", description).finish(),
                    "application/json");
}

} // namespace

struct CloudServer::Impl {
    CloudServerOptions options;
    std::unique_ptr<TlsIdentity> tls;
    std::unique_ptr<httplib::Server> server;
    std::shared_ptr<CloudHost> host;
    Tenants tenants;
    std::string issuer, why;
    // httplib's stop() does nothing until listen has begun: a stop() that comes first must
    // still end serve() (a demo that fails to open its window stops its cloud at once).
    std::mutex run_mutex;
    bool stopped = false, serving = false;
    const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    void handle(const httplib::Request& req, httplib::Response& res) {
        CloudRequest request = to_cloud(req);
        std::shared_ptr<CloudHost> target = host;
        if (request.path.rfind(kTenantPrefix, 0) == 0) {
            // /tenants/<id>/rest: the tenant serves `rest` exactly as the main cloud would.
            const std::size_t id_end = request.path.find('/', kTenantPrefix.size());
            const std::string id = request.path.substr(kTenantPrefix.size(), id_end - kTenantPrefix.size());
            target = tenants.find(id);
            if (!target) return send_error(404, "not_found", "no such tenant: " + id, res);
            request.path = id_end == std::string::npos ? "/" : request.path.substr(id_end);
        }
        if (request.path.rfind(kAdminPrefix, 0) == 0) {
            if (!is_loopback(req.remote_addr)) return send_error(403, "access_denied", "the admin API answers loopback peers only", res);
            if (req.get_header_value("Authorization") != "Bearer " + options.admin_token) {
                send_error(401, "invalid_token", "the admin API needs the admin token printed at start-up", res);
                res.set_header("WWW-Authenticate", "Bearer realm=\"ringside-admin\", error=\"invalid_token\"");
                return;
            }
            return send(handle_admin(*target, target == host ? &tenants : nullptr, request), res);
        }
        deliver(target->serve(request), req, res, target->virtual_clock());
    }
};

CloudServer::CloudServer(CloudServerOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    Impl& i = *impl_;
    if (i.options.tls) {
        i.tls = make_test_tls_identity(i.why);
        if (i.tls) i.server = std::make_unique<httplib::SSLServer>(i.tls->server_certificate, i.tls->server_key);
    } else {
        i.server = std::make_unique<httplib::Server>();
    }
    if (!i.server) return;
    httplib::Server& http = *i.server;
    const auto route = [&i](const httplib::Request& req, httplib::Response& res) { i.handle(req, res); };
    // Every method and path goes to the service, which owns 404/405 answers in RFC 6749 shape.
    http.Get(".*", route);
    http.Post(".*", route);
    http.Put(".*", route);
    http.Delete(".*", route);
    http.Patch(".*", route);
    http.Options(".*", route);
    http.set_payload_max_length(i.options.max_body_bytes);
    // Answers are small and written in pieces: without this, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every keep-alive exchange.
    http.set_tcp_nodelay(true);
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // httplib's own refusals (413, 400 on a malformed request line) get the RFC shape too.
        if (!res.body.empty()) return;
        send_error(res.status, "invalid_request",
                   res.status == 413 ? "the request body is too large" : "the request could not be read", res);
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(500, "server_error", "the mock cloud failed on this request", res);
    });
}

CloudServer::~CloudServer() { stop(); }

int CloudServer::bind() {
    Impl& i = *impl_;
    if (!i.server || !i.server->is_valid()) {
        if (i.why.empty()) i.why = "the TLS context could not be set up";
        return -1;
    }
    httplib::Server& http = *i.server;
    const int port = i.options.port == 0 ? http.bind_to_any_port(i.options.host)
                                         : (http.bind_to_port(i.options.host, i.options.port) ? i.options.port : -1);
    if (port < 0) {
        i.why = "cannot listen on " + i.options.host + ":" + std::to_string(i.options.port);
        return -1;
    }
    const bool v6 = i.options.host.find(':') != std::string::npos;
    i.issuer = std::string(i.options.tls ? "https://" : "http://") + (v6 ? "[" + i.options.host + "]" : i.options.host) + ":" + std::to_string(port);
    CloudConfig config = i.options.config;
    config.issuer = i.issuer;
    i.host = std::make_shared<CloudHost>(std::move(config), [&i] {
        return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - i.started);
    });
    return port;
}

const std::string& CloudServer::why() const { return impl_->why; }
const std::string& CloudServer::issuer() const { return impl_->issuer; }

const std::string& CloudServer::ca_certificate_pem() const {
    static const std::string none;
    return impl_->tls ? impl_->tls->ca_certificate_pem : none;
}

bool CloudServer::serve() {
    if (!impl_->host) return false;
    {
        std::lock_guard<std::mutex> lock(impl_->run_mutex);
        if (impl_->stopped) return true;
        impl_->serving = true;
    }
    return impl_->server->listen_after_bind();
}

void CloudServer::stop() {
    if (!impl_->server) return;
    {
        std::lock_guard<std::mutex> lock(impl_->run_mutex);
        impl_->stopped = true;
        if (!impl_->serving) return;  // serve() will not listen now
    }
    // serve() is on its way into listen: wait (bounded) until httplib counts it running.
    for (int i = 0; i < 2000 && !impl_->server->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    impl_->server->stop();
}

} // namespace ringside::cloud
