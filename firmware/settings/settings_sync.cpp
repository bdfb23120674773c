#include "firmware/settings/settings_sync.hpp"

#include "firmware/core/form_writer.hpp"
#include "firmware/core/json_reader.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {
namespace {

constexpr std::string_view kSettingsPath = "/v1/settings";
constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";

} // namespace

SettingsSync::SettingsSync(const hal::Board& board, const DeviceConfig& config, const Tracer& tracer,
                           RequestBuffer& scratch)
    : board_(board), config_(config), tracer_(tracer), scratch_(scratch) {}

bool SettingsSync::owns_timer(hal::TimerId id) {
    return id == timer::kSettingsRetry || id == timer::kSettingsTimeout;
}

void SettingsSync::observe(DeviceState device, std::string_view access_token) {
    if (device != DeviceState::Linked) {
        // Unlinked (revoked, error, reset): a download in flight or pending is abandoned (its
        // answer would be for the old link) and starts again once linked. Settings already
        // downloaded stay while the speaker re-authorizes; a return to setup forgets them.
        if (state_ == State::Fetching || state_ == State::Waiting) {
            if (state_ == State::Fetching) board_.http.cancel(kSettingsRequestId);
            board_.timers.cancel(timer::kSettingsRetry);
            board_.timers.cancel(timer::kSettingsTimeout);
            state_ = State::Idle;
        }
        if (state_ == State::Done && (device == DeviceState::Setup || device == DeviceState::Off)) state_ = State::Idle;
        return;
    }
    if (state_ == State::Idle && !access_token.empty()) {
        next_retry_ = kSettingsFirstRetry;
        fetch(access_token);
    }
}

void SettingsSync::on_http(const hal::HttpResponse& response, DeviceState device, std::string_view access_token) {
    if (state_ != State::Fetching) return;
    board_.timers.cancel(timer::kSettingsTimeout);
    if (response.error != hal::TransportError::None) return fail("transport");
    if (response.status != 200) {
        FixedString<16> why;
        why.append("status ");
        why.append_decimal(static_cast<std::uint64_t>(response.status));
        return fail(why.view());
    }
    if (!read(response.body)) return fail("bad body");
    state_ = State::Done;
    FixedString<160> detail;
    detail.append_clipped("locale=");
    detail.append_clipped(settings_.locale.view());
    detail.append_clipped(" time_zone=");
    detail.append_clipped(settings_.time_zone.view());
    detail.append_clipped(" wake_word=");
    detail.append_clipped(settings_.wake_word.view());
    detail.append_clipped(" volume=");
    detail.append_decimal(settings_.volume);
    tracer_.emit("settings", "downloaded", detail.view());
    (void)device;
    (void)access_token;
}

void SettingsSync::on_timer(hal::TimerId id, DeviceState device, std::string_view access_token) {
    if (id == timer::kSettingsTimeout && state_ == State::Fetching) {
        board_.http.cancel(kSettingsRequestId);
        fail("timeout");
        return;
    }
    if (id == timer::kSettingsRetry && state_ == State::Waiting) {
        if (device == DeviceState::Linked && !access_token.empty()) {
            fetch(access_token);
        } else {
            state_ = State::Idle;  // observe() starts again once linked
        }
    }
}

void SettingsSync::fetch(std::string_view access_token) {
    url_.wipe();
    const bool url_ok = url_.append(config_.issuer.substr(0, config_.issuer.size() -
                                                            (config_.issuer.size() > 0 && config_.issuer.back() == '/'))) &&
                        url_.append(kSettingsPath);
    FormWriter form(scratch_.data(), scratch_.size());
    form.add("access_token", access_token);
    if (!url_ok || !form.ok()) {
        scratch_.wipe();
        tracer_.emit("log", "error", "settings request does not fit its buffer");
        state_ = State::Done;  // retrying cannot help; the defaults stay
        return;
    }
    ++attempts_;
    tracer_.emit("http", "request", "POST /v1/settings");
    hal::HttpRequest request;
    request.method = hal::HttpMethod::Post;
    request.url = url_.view();
    request.content_type = kFormContentType;
    request.body = form.view();
    const bool sent = board_.http.send(kSettingsRequestId, request);
    scratch_.wipe();  // the form held the access token
    if (!sent) {
        state_ = State::Fetching;  // so fail() schedules the retry
        fail("not_sent");
        return;
    }
    state_ = State::Fetching;
    board_.timers.arm(timer::kSettingsTimeout, kSettingsTimeout);
}

void SettingsSync::fail(std::string_view why) {
    tracer_.emit("settings", "download_failed", why);
    state_ = State::Waiting;
    board_.timers.arm(timer::kSettingsRetry, next_retry_);
    next_retry_ = next_retry_ * 2 > kSettingsMaxRetry ? kSettingsMaxRetry : next_retry_ * 2;
}

bool SettingsSync::read(std::string_view body) {
    const JsonReader json(body);
    if (!json.valid()) return false;
    DeviceSettings next;
    const auto volume = json.get_int("volume");
    const bool ok = json.get_string("device_name", next.device_name) && json.get_string("locale", next.locale) &&
                    json.get_string("time_zone", next.time_zone) && json.get_string("wake_word", next.wake_word) &&
                    volume && *volume >= 0 && *volume <= 10;
    if (!ok) return false;
    next.volume = static_cast<std::uint8_t>(*volume);
    settings_ = next;
    return true;
}

} // namespace ringside::fw
