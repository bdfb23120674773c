// Load on a token endpoint: refresh-token grants over keep-alive loopback connections.
// usage: ringside_bench_token_load URL --threads N --requests N --seconds S
//          [--ringside-admin TOKEN]   (set up one refresh token per thread on a ringside cloud)
// Each thread follows its own rotation chain (the refresh token each answer returns is
// the next request's), as a fleet of speakers would. Bounded by --requests and --seconds.
// Prints requests/s and latency percentiles (ms) of the 200 answers, and the error count.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// The string value of `key` in a flat JSON answer. A plain scan, not std::regex: building a
// regex per answer cost the load generator more CPU than the server spent on the request,
// and on two cores the generator's CPU is the servers' too.
std::string json_string(const std::string& body, const std::string& key) {
    const std::string quoted = "\"" + key + "\"";
    std::size_t at = body.find(quoted);
    if (at == std::string::npos) return {};
    at = body.find(':', at + quoted.size());
    if (at == std::string::npos) return {};
    at = body.find('"', at + 1);
    if (at == std::string::npos) return {};
    const std::size_t end = body.find('"', at + 1);
    return end == std::string::npos ? std::string() : body.substr(at + 1, end - at - 1);
}

// A refresh token from a ringside cloud: device grant, approved through the admin API.
std::string ringside_refresh_token(httplib::Client& c, const std::string& admin) {
    auto code = c.Post("/oauth2/device_authorization", "client_id=ringside-speaker", "application/x-www-form-urlencoded");
    if (!code || code->status != 200) return {};
    const std::string device_code = json_string(code->body, "device_code");
    httplib::Headers auth{{"Authorization", "Bearer " + admin}};
    c.Post("/admin/approve", auth, "account=demo&user_code=" + json_string(code->body, "user_code"),
           "application/x-www-form-urlencoded");
    auto tokens = c.Post("/oauth2/token",
                         "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=ringside-speaker&device_code=" +
                             device_code,
                         "application/x-www-form-urlencoded");
    return tokens && tokens->status == 200 ? json_string(tokens->body, "refresh_token") : std::string();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s URL [--threads N] [--requests N] [--seconds S] [--ringside-admin TOKEN]\n", argv[0]);
        return 2;
    }
    const std::string url = argv[1];
    int threads = 4, requests = 20000;
    double seconds = 5;
    std::string admin;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--threads") threads = std::max(1, std::atoi(v.c_str()));
        else if (a == "--requests") requests = std::max(1, std::atoi(v.c_str()));
        else if (a == "--seconds") seconds = std::atof(v.c_str());
        else if (a == "--ringside-admin") admin = v;
    }
    std::atomic<int> issued{0}, errors{0};
    std::vector<std::vector<double>> latencies(threads);
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> workers;
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            httplib::Client client(url);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // header and body go out as two writes: no Nagle stall
            std::string refresh = admin.empty() ? "bench-token-" + std::to_string(t) : ringside_refresh_token(client, admin);
            if (refresh.empty()) {
                ++errors;
                return;
            }
            while (issued++ < requests && Clock::now() < deadline) {
                const auto sent = Clock::now();
                auto res = client.Post("/" + std::string(admin.empty() ? "token" : "oauth2/token"),
                                       "grant_type=refresh_token&client_id=ringside-speaker&refresh_token=" + refresh,
                                       "application/x-www-form-urlencoded");
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
                if (!res || res->status != 200) {
                    ++errors;
                    continue;
                }
                latencies[t].push_back(ms);
                const std::string next = json_string(res->body, "refresh_token");
                if (!next.empty()) refresh = next;
            }
        });
    }
    for (auto& w : workers) w.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))]; };
    std::printf("ok %zu errors %d seconds %.2f rps %.0f p50_ms %.3f p99_ms %.3f\n", all.size(), errors.load(), elapsed,
                all.size() / elapsed, pct(0.50), pct(0.99));
    return all.empty() ? 1 : 0;
}
