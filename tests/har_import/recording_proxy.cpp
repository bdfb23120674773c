#include "har_import/recording_proxy.hpp"

#include <httplib.h>

#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace ringside::test {
namespace {

using nlohmann::json;

std::string iso8601(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[96];  // room for any int the format may print
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
    return text;
}

json har_headers(const httplib::Headers& headers) {
    json out = json::array();
    for (const auto& [name, value] : headers) out.push_back({{"name", name}, {"value", value}});
    return out;
}

bool hop_by_hop(const std::string& name) {
    for (const char* h : {"Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
                          "REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"})
        if (strcasecmp(name.c_str(), h) == 0) return true;
    return false;
}

} // namespace

struct RecordingProxy::Impl {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::string upstream;
    mutable std::mutex m;
    json entries = json::array();
    std::int64_t calendar_start_ms = 0;  // the tenant's calendar at its clock's 0
    std::int64_t virtual_ms = 0;         // where the client last set the tenant's clock

    void forward(const httplib::Request& req, httplib::Response& res) {
        httplib::Client client(upstream);
        client.set_read_timeout(30, 0);
        httplib::Headers headers;
        for (const auto& [name, value] : req.headers)
            if (!hop_by_hop(name)) headers.emplace(name, value);
        const std::string target = req.target.empty() ? req.path : req.target;
        const std::string type = req.get_header_value("Content-Type");
        httplib::Result r = req.method == "GET"      ? client.Get(target.c_str(), headers)
                            : req.method == "DELETE" ? client.Delete(target.c_str(), headers)
                                                     : client.Post(target.c_str(), headers, req.body, type.c_str());
        std::lock_guard<std::mutex> lock(m);
        // The tenant's calendar and clock, as the client sets them through the admin API.
        if (req.method == "POST" && req.path == "/admin/tenants") {
            const json config = json::parse(req.body, nullptr, false);
            if (config.is_object() && config.contains("calendar_start_unix"))
                calendar_start_ms = config["calendar_start_unix"].get<std::int64_t>() * 1000;
        }
        const auto set_ms = req.body.find("set_ms=");
        if (req.method == "POST" && req.path.size() >= 12 && req.path.compare(req.path.size() - 12, 12, "/admin/clock") == 0 &&
            set_ms != std::string::npos)
            virtual_ms = std::stoll(req.body.substr(set_ms + 7));
        json entry;
        entry["startedDateTime"] = iso8601(calendar_start_ms + virtual_ms);
        json request = {{"method", req.method}, {"url", upstream + target}, {"httpVersion", "HTTP/1.1"},
                        {"headers", har_headers(req.headers)}, {"queryString", json::array()}, {"cookies", json::array()},
                        {"headersSize", -1}, {"bodySize", req.body.size()}};
        if (!req.body.empty()) request["postData"] = {{"mimeType", type}, {"text", req.body}};
        entry["request"] = request;
        std::int64_t wait = 0;
        if (r) {
            res.status = r->status;
            for (const auto& [name, value] : r->headers)
                if (!hop_by_hop(name) && strcasecmp(name.c_str(), "Content-Type") != 0) res.set_header(name, value);
            res.set_content(r->body, r->get_header_value("Content-Type").c_str());
            if (r->has_header("X-Ringside-Virtual-Delay-Ms")) wait = std::stoll(r->get_header_value("X-Ringside-Virtual-Delay-Ms"));
            entry["response"] = {{"status", r->status}, {"statusText", ""}, {"httpVersion", "HTTP/1.1"},
                                 {"headers", har_headers(r->headers)}, {"cookies", json::array()},
                                 {"content", {{"size", r->body.size()}, {"mimeType", r->get_header_value("Content-Type")},
                                              {"text", r->body}}},
                                 {"redirectURL", ""}, {"headersSize", -1}, {"bodySize", r->body.size()}};
        } else {
            res.status = 502;
            entry["response"] = {{"status", 0}, {"statusText", ""}, {"httpVersion", ""}, {"headers", json::array()},
                                 {"cookies", json::array()}, {"content", {{"size", 0}, {"mimeType", ""}}},
                                 {"redirectURL", ""}, {"headersSize", -1}, {"bodySize", -1}};
        }
        entry["cache"] = json::object();
        entry["timings"] = {{"send", 0}, {"wait", wait}, {"receive", 0}};
        entry["time"] = wait;
        entries.push_back(std::move(entry));
    }
};

RecordingProxy::RecordingProxy(const std::string& upstream_url) : impl_(std::make_unique<Impl>()) {
    Impl& i = *impl_;
    i.upstream = upstream_url;
    const auto handler = [&i](const httplib::Request& req, httplib::Response& res) { i.forward(req, res); };
    i.server.Get(".*", handler);
    i.server.Post(".*", handler);
    i.server.Delete(".*", handler);
    i.port = i.server.bind_to_any_port("127.0.0.1");
    if (i.port <= 0) throw std::runtime_error("the recording proxy could not listen on 127.0.0.1");
    // bind_to_any_port listens already: a client that connects before the accept loop runs waits
    // in the backlog.
    i.thread = std::thread([&i] { i.server.listen_after_bind(); });
}

RecordingProxy::~RecordingProxy() {
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::string RecordingProxy::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

std::string RecordingProxy::har() const {
    std::lock_guard<std::mutex> lock(impl_->m);
    const json har = {{"log", {{"version", "1.2"}, {"creator", {{"name", "ringside test recording proxy"}, {"version", "1"}}},
                               {"entries", impl_->entries}}}};
    return har.dump(2);
}

} // namespace ringside::test
