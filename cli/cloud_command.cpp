#include "cli/command_help.hpp"
#include "cli/cloud_command.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sys/resource.h>
#include <sstream>
#include <thread>

#include "runner/scenario_error.hpp"
#include "runner/scenario_node.hpp"
#include "cloud/server/cloud_server.hpp"

namespace ringside::cli {
namespace {

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// accounts: [{ id: jane, password: pw, email: jane@example.com, restricted: false }]
std::vector<cloud::Account> read_accounts(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Usage("--accounts: cannot open " + path);
    std::stringstream text;
    text << in.rdbuf();
    runner::ScenarioNode root = runner::ScenarioNode::parse(text.str(), path);
    std::vector<cloud::Account> accounts;
    for (runner::ScenarioNode a : root.require("accounts").items()) {
        cloud::Account account;
        account.id = a.require("id").str();
        account.password = a.require("password").str();
        if (auto e = a.get("email")) account.email = e->str();
        if (auto r = a.get("restricted")) account.restricted = r->boolean();
        a.done();
        accounts.push_back(account);
    }
    root.done();
    return accounts;
}

// clients: [{ id: tv-app, secret: s3cret, scopes: [speaker], name: "Living room TV" }]
// Clients besides the speaker: confidential ones (a secret, checked with HTTP Basic or
// client_secret) and per-client allowed scopes (any other is invalid_scope).
std::vector<cloud::Client> read_clients(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Usage("--clients: cannot open " + path);
    std::stringstream text;
    text << in.rdbuf();
    runner::ScenarioNode root = runner::ScenarioNode::parse(text.str(), path);
    std::vector<cloud::Client> clients;
    for (runner::ScenarioNode c : root.require("clients").items()) {
        cloud::Client client;
        client.id = c.require("id").str();
        if (auto s = c.get("secret")) {
            client.secret = s->str();
            client.is_public = client.secret.empty();
        }
        if (auto n = c.get("name")) client.name = n->str();
        if (auto scopes = c.get("scopes"))
            for (runner::ScenarioNode scope : scopes->items()) client.scopes.push_back(scope.str());
        c.done();
        clients.push_back(client);
    }
    root.done();
    return clients;
}

// A fresh secret per run: the admin API must not be guessable by another local user.
std::string make_admin_token() {
    std::random_device device;
    char buf[33];
    for (int i = 0; i < 4; ++i) std::snprintf(buf + 8 * i, 9, "%08x", device());
    return buf;
}

cloud::CloudServerOptions parse(const std::vector<std::string>& args, std::string& ca_out) {
    cloud::CloudServerOptions o;
    bool seeded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw Usage(a + " needs a value");
            return args[++i];
        };
        if (a == "--host") {
            o.host = value();
        } else if (a == "--port") {
            const std::string& v = value();
            char* end = nullptr;
            const long port = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end || port < 0 || port > 65535) throw Usage("--port: expected 0 to 65535, got '" + v + "'");
            o.port = static_cast<int>(port);
        } else if (a == "--accounts") {
            o.config.accounts = read_accounts(value());
        } else if (a == "--clients") {
            o.config.clients = read_clients(value());
        } else if (a == "--dialect") {
            const std::string& v = value();
            if (v != "rfc8628" && v != "lwa") throw Usage("--dialect " + v + ": expected rfc8628 or lwa");
            o.config.dialect = v == "lwa" ? cloud::Dialect::Lwa : cloud::Dialect::Rfc8628;
            // LWA's documented code pair polls every 30 s (DESIGN.md §1).
            if (v == "lwa") o.config.poll_interval = std::chrono::seconds(30);
        } else if (a == "--access-token-lifetime") {
            // Short lifetimes let a load test (`ringside fleet`) see refreshes within seconds.
            const std::string& v = value();
            char* end = nullptr;
            const long seconds = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end || seconds < 1 || seconds > 86'400)
                throw Usage("--access-token-lifetime: expected whole seconds from 1 to 86400, got '" + v + "'");
            o.config.access_token_lifetime = std::chrono::seconds(seconds);
        } else if (a == "--tls") {
            o.tls = true;
        } else if (a == "--ca-out") {
            ca_out = value();
        } else if (a == "--admin-token") {
            o.admin_token = value();
        } else if (a == "--journal-size") {
            const std::string& v = value();
            char* end = nullptr;
            errno = 0;
            const unsigned long long entries = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end || v[0] == '-' || errno == ERANGE || entries > 100'000'000ULL)
                throw Usage("--journal-size: expected a number of entries from 0 (no limit) to 100000000, got '" + v + "'");
            o.journal_size = static_cast<std::size_t>(entries);
        } else if (a == "--seed") {
            const std::string& v = value();
            char* end = nullptr;
            errno = 0;
            const unsigned long long seed = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end || v[0] == '-' || errno == ERANGE)
                throw Usage("--seed: expected a number from 0 to 2^64-1, got '" + v + "'");
            seeded = true;
            o.config.seed = seed;
        } else {
            throw Usage("unknown option '" + a + "' for 'ringside cloud'");
        }
    }
    if (o.host != "127.0.0.1" && o.host != "::1" && o.host != "localhost")
        throw Usage("--host " + o.host + ": the mock cloud serves loopback addresses only (127.0.0.1, ::1)");
    if (!ca_out.empty() && !o.tls) throw Usage("--ca-out goes with --tls");
    if (o.admin_token.empty()) o.admin_token = make_admin_token();
    // A server offered to outside clients: codes and tokens must not repeat across starts or
    // follow from each other (RFC 6749 §10.10, RFC 8628 §5.2), so they come from the OS's
    // CSPRNG unless --seed asks for reproducible ones. The seed of everything else (fault
    // draws) is fresh per start too. Tenants made over the admin API keep their own seeds.
    if (!seeded) {
        std::random_device device;
        o.config.seed = (static_cast<std::uint64_t>(device()) << 32) | device();
        o.config.os_random_codes = true;
    }
    // The cloud's clock starts at zero with the server; its calendar (the Date headers) is
    // the wall clock's from that moment on, time travel included.
    o.config.calendar_start_unix = static_cast<std::int64_t>(std::time(nullptr));
    return o;
}

} // namespace

int cloud_command(const std::vector<std::string>& args) {
    cloud::CloudServerOptions options;
    std::string ca_out;
    try {
        options = parse(args, ca_out);
    } catch (const Usage& e) {
        std::cerr << "error: " << e.what() << "; " << see_help("cloud") << "\n";
        return 2;
    } catch (const runner::ScenarioError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    // Signals are taken by sigwait on this thread; the server's threads never see them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    // A fleet holds a connection per speaker: the usual soft limit of 1024 descriptors would
    // cap the server's connections (connection_loop.hpp) far below what it can hold.
    rlimit descriptors{};
    const rlim_t wanted = options.connections.max_connections + 256;
    if (getrlimit(RLIMIT_NOFILE, &descriptors) == 0 && descriptors.rlim_cur < wanted) {
        descriptors.rlim_cur = std::min(descriptors.rlim_max, wanted);
        setrlimit(RLIMIT_NOFILE, &descriptors);
    }
    const std::string token = options.admin_token;
    cloud::CloudServer server(std::move(options));
    if (server.bind() < 0) {
        std::cerr << "error: " << server.why() << "\n";
        return 2;
    }
    if (!ca_out.empty()) {
        std::ofstream ca(ca_out, std::ios::binary);
        ca << server.ca_certificate_pem();
        if (!ca) {
            std::cerr << "error: --ca-out: cannot write " << ca_out << "\n";
            return 2;
        }
        std::cout << "ca certificate " << ca_out << "\n";
    }
    std::cout << "issuer " << server.issuer() << "\nadmin token " << token << "\n" << std::flush;
    std::thread serving([&server] { server.serve(); });
    std::cout << "ready\n" << std::flush;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    serving.join();
    std::cout << "stopped\n" << std::flush;
    return 0;
}

} // namespace ringside::cli
