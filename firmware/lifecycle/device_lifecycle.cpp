#include "firmware/lifecycle/device_lifecycle.hpp"

#include "firmware/core/fixed_string.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {
namespace {

FixedString<40> where(const TokenStore::Location& at) {
    FixedString<40> text;
    text.append(at.slot == 0 ? "slot a seq " : "slot b seq ");
    text.append_decimal(at.sequence);
    return text;
}

} // namespace

DeviceLifecycle::DeviceLifecycle(const hal::Board& board, const Tracer& tracer, TokenStore& store, AuthClient& auth)
    : board_(board), tracer_(tracer), store_(store), auth_(auth) {}

bool DeviceLifecycle::owns_timer(hal::TimerId id) {
    return id == timer::kBoot || id == timer::kWifiRetry || id == timer::kWifiErrorShown ||
           id == timer::kSignedOutShown;
}

void DeviceLifecycle::on_timer(hal::TimerId id) {
    if (id == timer::kBoot) handle(Input::BootDone);
    if (id == timer::kWifiRetry) handle(Input::WifiRetryDue);
    if (id == timer::kWifiErrorShown) handle(Input::WifiErrorOver);
    if (id == timer::kSignedOutShown) handle(Input::SignedOutOver);
}

void DeviceLifecycle::on_auth(AuthNotice notice) {
    switch (notice) {
        case AuthNotice::None: return;
        case AuthNotice::TokensIssued: handle(Input::AuthLinked); return;
        case AuthNotice::GrantRevoked: handle(Input::AuthRevoked); return;
        case AuthNotice::Failed: handle(Input::AuthFailed); return;
        case AuthNotice::RevocationDone: handle(Input::RevocationDone); return;
    }
}

void DeviceLifecycle::handle(Input input, const SetupCredentials* credentials) {
    // A factory reset under way: only its end (or a display timer running out) counts.
    if (resetting_ && input != Input::RevocationDone && input != Input::WifiErrorOver && input != Input::SignedOutOver)
        return;
    switch (input) {
        case Input::PowerOn:
            if (state_ != DeviceState::Off) return;
            enter(DeviceState::Booting);
            board_.timers.arm(timer::kBoot, kBootTime);
            return;

        case Input::BootDone:
            if (state_ == DeviceState::Booting) boot_done();
            return;

        case Input::Credentials:
            if (state_ != DeviceState::Setup || credentials == nullptr) return;
            if (!take(*credentials)) {
                tracer_.emit("log", "warn", "setup credentials refused: too long or no ssid");
                show_wifi_error();
                return;
            }
            from_store_ = false;
            persisted_ = false;
            wifi_error_shown_ = false;
            board_.timers.cancel(timer::kWifiErrorShown);
            enter(DeviceState::JoiningWifi);
            join();
            return;

        case Input::WifiJoined:
            if (state_ != DeviceState::JoiningWifi) return;
            tracer_.emit("wifi", "joined", credentials_.wifi_ssid.view());
            board_.timers.cancel(timer::kWifiRetry);
            rejoining_ = false;
            enter(DeviceState::Authorizing);
            on_auth(auth_.start(credentials_.refresh_token.view()));
            return;

        case Input::WifiFailed:
            if (state_ != DeviceState::JoiningWifi) return;
            tracer_.emit("wifi", "failed", credentials_.wifi_ssid.view());
            if (from_store_ || rejoining_) {
                // These creds worked before: the router is probably rebooting. Keep trying.
                board_.timers.arm(timer::kWifiRetry, kWifiRetryDelay);
                return;
            }
            // Fresh creds that fail are probably mistyped: back to setup for the app to retry.
            credentials_.wipe();
            enter(DeviceState::Setup);
            show_wifi_error();
            return;

        case Input::WifiLost:
            // The access point went off or out of range. Nothing can reach the cloud now, so
            // the auth session ends (its requests would only fail) and starts again, from
            // what is stored, once the radio is back: a linked speaker refreshes, one still
            // showing a code gets a new one.
            if (state_ != DeviceState::Authorizing && state_ != DeviceState::Linked) return;
            tracer_.emit("wifi", "lost", credentials_.wifi_ssid.view());
            auth_.reset();
            rejoining_ = true;
            enter(DeviceState::JoiningWifi);
            join();
            return;

        case Input::WifiRetryDue:
            if (state_ == DeviceState::JoiningWifi) join();
            return;

        case Input::WifiErrorOver:
            wifi_error_shown_ = false;
            return;

        case Input::AuthLinked:
            if (state_ != DeviceState::Authorizing && state_ != DeviceState::Linked) return;
            persist();
            enter(DeviceState::Linked);
            return;

        case Input::AuthRevoked:
            // The account holder removed this speaker ("Apps and Websites"), or the token
            // store is otherwise dead: nothing stored can sign in again, so it all goes and
            // the owner sets the speaker up afresh, told so by voice and ring.
            if (state_ != DeviceState::Authorizing && state_ != DeviceState::Linked) return;
            board_.timers.cancel(timer::kWifiErrorShown);
            forget_everything();
            tracer_.emit("auth", "signed_out", "refresh token refused");
            enter(DeviceState::Setup);
            signed_out_shown_ = true;
            board_.timers.arm(timer::kSignedOutShown, kSignedOutShownFor);
            board_.speech.say(kSignedOutSentence);
            return;

        case Input::SignedOutOver:
            signed_out_shown_ = false;
            return;

        case Input::AuthFailed:
            if (state_ != DeviceState::Authorizing && state_ != DeviceState::Linked) return;
            enter(DeviceState::Error);
            say_failure(auth_.failure_reason(), auth_.failed_by());
            return;

        case Input::RetrySignIn:
            if (state_ != DeviceState::Error || auth_.state() != AuthState::Failed) return;
            enter(DeviceState::Authorizing);
            // A fresh device grant: whatever refresh token led here was refused.
            on_auth(auth_.start(std::string_view()));
            return;

        case Input::FactoryReset: {
            for (hal::TimerId id = 0; id < timer::kCount; ++id) board_.timers.cancel(id);
            // Wi-Fi is joined from Authorizing on (and stays so in Linked and Error).
            const bool wifi_joined =
                state_ == DeviceState::Authorizing || state_ == DeviceState::Linked || state_ == DeviceState::Error;
            if (wifi_joined && auth_.revoke_for_reset()) {
                resetting_ = true;
                return;
            }
            if (!wifi_joined && credentials_.has_refresh_token())
                tracer_.emit("auth", "revocation", "could not be sent: Wi-Fi not joined");
            finish_factory_reset();
            return;
        }

        case Input::RevocationDone:
            if (resetting_) finish_factory_reset();
            return;
    }
}

void DeviceLifecycle::finish_factory_reset() {
    resetting_ = false;
    forget_everything();
    signed_out_shown_ = false;
    enter(DeviceState::Setup);
}

void DeviceLifecycle::forget_everything() {
    auth_.reset();
    board_.wifi.leave();
    erase_store();
    credentials_.wipe();
    from_store_ = false;
    rejoining_ = false;
    persisted_ = false;
    wifi_error_shown_ = false;
}

void DeviceLifecycle::enter(DeviceState next) {
    if (next == state_) return;
    state_ = next;
    tracer_.emit("device", "state", to_string(next));
}

void DeviceLifecycle::boot_done() {
    const bool loaded = store_.load(credentials_);
    tracer_.emit("storage", "load", loaded ? where(store_.last()).view() : std::string_view("empty"));
    if (loaded && credentials_.has_wifi() && credentials_.has_refresh_token()) {
        from_store_ = true;
        persisted_ = true;
        enter(DeviceState::JoiningWifi);
        join();
        return;
    }
    credentials_.wipe();
    enter(DeviceState::Setup);
}

bool DeviceLifecycle::take(const SetupCredentials& setup) {
    StoredCredentials& c = credentials_;
    c.wipe();
    const bool ok = !setup.ssid.empty() && c.wifi_ssid.assign(setup.ssid) && c.wifi_password.assign(setup.password) &&
                    c.account_hint.assign(setup.account_hint);
    if (!ok) c.wipe();
    band_ = ok ? setup.band : hal::WifiBand::Any;
    return ok;
}

void DeviceLifecycle::join() {
    tracer_.emit("wifi", "join", credentials_.wifi_ssid.view());
    // Stored credentials carry no band: a reboot scans both.
    board_.wifi.prefer_band(from_store_ ? hal::WifiBand::Any : band_);
    board_.wifi.join(credentials_.wifi_ssid.view(), credentials_.wifi_password.view());
}

void DeviceLifecycle::persist() {
    if (persisted_ && credentials_.refresh_token.view() == auth_.refresh_token()) return;
    if (!credentials_.refresh_token.assign(auth_.refresh_token())) return;
    if (store_.commit(credentials_)) {
        persisted_ = true;
        tracer_.emit("storage", "commit", where(store_.last()).view());
    } else {
        // Stay linked on RAM: the next refresh (or rotation) tries the commit again.
        persisted_ = false;
        tracer_.emit("storage", "commit_failed", "flash");
    }
}

void DeviceLifecycle::erase_store() {
    const bool ok = store_.erase();
    tracer_.emit("storage", ok ? "erase" : "erase_failed", "all");
}

void DeviceLifecycle::say_failure(std::string_view reason, FailedBy by) {
    // The customer hears who stopped the sign-in and what to do; support hears the error's
    // name. A person's Deny and a service's refusal need different fixes (ask again, or
    // check the speaker's client id and scope with whoever runs the service), so the
    // sentence never blames one for the other.
    FixedString<200> sentence;
    const std::string_view named = reason.empty() ? std::string_view("unknown") : reason;
    switch (by) {
        case FailedBy::Person: sentence.append("Sign-in was denied by the person signing in."); break;
        case FailedBy::Nobody: sentence.append("The sign-in code expired before anyone approved it."); break;
        case FailedBy::Service:
            sentence.append("The sign-in service refused this speaker, reason ");
            sentence.append_clipped(named);
            sentence.append_clipped(".");
            break;
        case FailedBy::Speaker:
            sentence.append("I can't sign in: this speaker's settings cannot make the request, reason ");
            sentence.append_clipped(named);
            sentence.append_clipped(".");
            break;
    }
    sentence.append_clipped(" Press the Action button to try again.");
    board_.speech.say(sentence.view());
}

void DeviceLifecycle::show_wifi_error() {
    wifi_error_shown_ = true;
    board_.timers.arm(timer::kWifiErrorShown, kWifiErrorShownFor);
}

} // namespace ringside::fw
