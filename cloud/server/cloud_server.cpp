#include "cloud/server/cloud_server.hpp"

#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include <openssl/ssl.h>

#include "cloud/service/json_writer.hpp"
#include "cloud/server/admin_api.hpp"
#include "cloud/server/answer_delivery.hpp"
#include "cloud/server/cloud_host.hpp"
#include "cloud/server/connection_loop.hpp"
#include "cloud/server/connection_stream.hpp"
#include "cloud/server/exchange_socket.hpp"
#include "cloud/server/listen_socket.hpp"
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

// httplib's request parsing, routing and answer writing, run on a connection the server's
// own loop holds (connection_loop.hpp) instead of on httplib's thread per connection.
class RequestProcessor final : public httplib::Server {
public:
    // One request from `stream`; `close_after` answers with Connection: close. False when
    // the connection must close (unreadable request, failed write, or the client said so:
    // then `client_closes` is set).
    bool serve(httplib::Stream& stream, bool close_after, bool& client_closes, SSL* ssl) {
        return process_request(stream, close_after, client_closes, [ssl](httplib::Request& r) { r.ssl = ssl; });
    }
    // httplib ends a content provider's writes (a dribble) once its listening socket is gone.
    void set_listening(int fd) { svr_sock_ = fd; }
};

// The stream of the request this worker thread is serving, for the handler to reach.
thread_local ConnectionStream* current_stream = nullptr;

// Requests on one connection before the server closes it after answering (Keep-Alive max).
constexpr std::size_t kMaxRequestsPerConnection = 100'000;
// Descriptors kept back from the connection limit for everything else the process opens.
constexpr rlim_t kReservedDescriptors = 64;

// The connection limit the descriptor limit allows: a limit above it would only ever be
// met by EMFILE.
std::size_t affordable_connections(std::size_t wanted) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
    const rlim_t usable = limit.rlim_cur > 2 * kReservedDescriptors ? limit.rlim_cur - kReservedDescriptors : limit.rlim_cur / 2;
    return std::min<std::size_t>(wanted, static_cast<std::size_t>(usable));
}

} // namespace

struct CloudServer::Impl {
    CloudServerOptions options;
    std::unique_ptr<TlsIdentity> tls;
    SSL_CTX* tls_context = nullptr;
    std::unique_ptr<RequestProcessor> server;
    int listen_fd = -1;
    std::unique_ptr<ConnectionLoop> loop;
    std::shared_ptr<CloudHost> host;
    Tenants tenants;
    std::string issuer, why;
    // A stop() that comes before serve() must still end it (a demo that fails to open its
    // window stops its cloud at once).
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
        // A dribbled body must leave piece by piece, its head at once, not gathered.
        if (res.content_provider_ && current_stream) current_stream->write_through();
    }

    bool serve_one(Connection& c) {
        ConnectionStream stream(c, options.connections.io_timeout);
        const ExchangeScope exchange(c.fd);
        bool client_closes = false;
        // A half-closed client sends nothing more: its answer says so and the connection ends.
        const bool close_after = c.peer_closed || c.served + 1 >= kMaxRequestsPerConnection;
        current_stream = &stream;
        const bool ok = server->serve(stream, close_after, client_closes, c.ssl);
        current_stream = nullptr;
        const bool sent = stream.flush();
        return ok && sent && !client_closes && !close_after;
    }
};

CloudServer::CloudServer(CloudServerOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    Impl& i = *impl_;
    i.options.config.journal_capacity = i.options.journal_size;
    if (i.options.tls) {
        i.tls = make_test_tls_identity(i.why);
        if (!i.tls) return;
        i.tls_context = server_tls_context(i.tls->server_certificate, i.tls->server_key);
        if (!i.tls_context) return;
    }
    i.server = std::make_unique<RequestProcessor>();
    i.tenants.set_journal_capacity(i.options.journal_size);
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
    // What the Keep-Alive header tells clients; the connection loop enforces the timeout.
    http.set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(i.options.connections.idle_timeout).count());
    http.set_keep_alive_max_count(kMaxRequestsPerConnection);
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

CloudServer::~CloudServer() {
    stop();
    impl_->loop.reset();
    if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
    if (impl_->tls_context) SSL_CTX_free(impl_->tls_context);
}

int CloudServer::bind() {
    Impl& i = *impl_;
    if (!i.server || (i.options.tls && !i.tls_context)) {
        if (i.why.empty()) i.why = "the TLS context could not be set up";
        return -1;
    }
    i.listen_fd = listen_socket(i.options.host, i.options.port, i.why);
    const int port = i.listen_fd < 0 ? -1 : bound_port(i.listen_fd);
    if (port < 0) {
        i.why = "cannot listen on " + i.options.host + ":" + std::to_string(i.options.port);
        return -1;
    }
    ConnectionLimits limits = i.options.connections;
    limits.max_connections = affordable_connections(limits.max_connections);
    i.loop = std::make_unique<ConnectionLoop>(i.listen_fd, i.tls_context, limits,
                                              [&i](Connection& c) { return i.serve_one(c); });
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
    Impl& i = *impl_;
    if (!i.host || !i.loop) return false;
    {
        std::lock_guard<std::mutex> lock(i.run_mutex);
        if (i.stopped) return true;
        i.serving = true;
    }
    // A TLS write to a client that has gone raises SIGPIPE (OpenSSL writes with write(2));
    // the failed write is handled where it happens.
    if (i.options.tls) std::signal(SIGPIPE, SIG_IGN);
    i.server->set_listening(i.listen_fd);
    const bool ran = i.loop->run();
    i.server->set_listening(-1);
    return ran;
}

void CloudServer::stop() {
    Impl& i = *impl_;
    {
        std::lock_guard<std::mutex> lock(i.run_mutex);
        i.stopped = true;
        if (!i.serving) return;  // serve() will not run the loop now
    }
    // Dribbles in progress end at their next piece; then the loop closes every connection.
    if (i.server) i.server->set_listening(-1);
    if (i.loop) i.loop->stop();
}

} // namespace ringside::cloud
