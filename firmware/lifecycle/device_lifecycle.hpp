#pragma once
// The device lifecycle: from power-on through setup and Wi-Fi to a linked speaker, and
// back to setup on factory reset.
//
//   Booting --2 s, creds + refresh token stored--> JoiningWifi --joined--> Authorizing
//   Booting --2 s, nothing stored--> Setup --app sends creds--> JoiningWifi
//   JoiningWifi --failed, fresh creds--> Setup (purple for 3 s)
//   JoiningWifi --failed, stored creds--> JoiningWifi (re-join after 10 s)
//   Linked/Authorizing --association lost--> JoiningWifi (purple, re-join at once and every
//     10 s; once joined, sign in again from the stored refresh token or a new code pair)
//   Authorizing --auth linked--> Linked;  any --auth failed--> Error
//   Linked/Authorizing --refresh token refused (invalid_grant: revoked)--> Setup, everything
//     erased, "signed out" said, the signed_out ring shown for kSignedOutShownFor first
//   Error --short Action press--> Authorizing;  any --25 s Action hold--> Setup
// A 25 s hold with Wi-Fi joined first revokes the refresh token at the cloud (RFC 7009), so
// the account's "Apps and Websites" no longer lists the speaker, waiting at most
// kRevocationWait in the state it was in; then, answered or not, everything is erased.
// Without Wi-Fi (or with nothing to revoke) it erases at once; the trace says why no
// revocation went out. Power lost during that wait leaves the credentials in flash.
//
// Freshly provisioned Wi-Fi credentials stay in RAM until the first refresh token
// arrives, then everything is committed together: a device that never links boots back
// into setup instead of into a half-configured state.
// Who may call: the Speaker's event routing only.
#include <cstdint>
#include <string_view>

#include "firmware/auth/auth_client.hpp"
#include "firmware/auth/stored_credentials.hpp"
#include "firmware/auth/token_store.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/board.hpp"

namespace ringside::fw {

inline constexpr hal::Millis kBootTime{2'000};
inline constexpr hal::Millis kWifiRetryDelay{10'000};
inline constexpr hal::Millis kWifiErrorShownFor{3'000};
inline constexpr hal::Millis kSignedOutShownFor{4'000};
// Said when the account holder removed the speaker. Carries no secret.
inline constexpr std::string_view kSignedOutSentence =
    "You've been signed out of your account. Open the companion app to set me up again.";

class DeviceLifecycle {
public:
    enum class Input : std::uint8_t {
        PowerOn,
        BootDone,
        Credentials,   // with SetupCredentials
        WifiJoined,
        WifiFailed,
        WifiLost,      // the association held since WifiJoined is gone
        WifiRetryDue,
        WifiErrorOver,
        SignedOutOver,
        AuthLinked,
        AuthRevoked,
        AuthFailed,
        RetrySignIn,   // short Action press
        FactoryReset,  // 25 s Action hold
        RevocationDone,  // the reset's revocation ended: erase now
    };

    DeviceLifecycle(const hal::Board& board, const Tracer& tracer, TokenStore& store, AuthClient& auth);

    // The machine's one transition function. `credentials` only with Input::Credentials.
    void handle(Input input, const SetupCredentials* credentials = nullptr);

    static bool owns_timer(hal::TimerId id);
    void on_timer(hal::TimerId id);
    // Acts on what the auth client reported after an event.
    void on_auth(AuthNotice notice);

    DeviceState state() const { return state_; }
    // A freshly provisioned join failed moments ago (the ring shows purple meanwhile).
    bool wifi_error_shown() const { return wifi_error_shown_; }
    // The account revoked this speaker moments ago (the ring shows signed_out meanwhile).
    bool signed_out_shown() const { return signed_out_shown_; }
    // Joining again because the association was lost (the ring shows purple meanwhile).
    bool rejoining() const { return rejoining_; }

private:
    // Credentials, tokens and Wi-Fi association gone, RAM and flash: factory reset and
    // sign-out share it.
    void forget_everything();
    void finish_factory_reset();
    void enter(DeviceState next);
    void boot_done();
    bool take(const SetupCredentials& credentials);
    void join();
    void persist();
    void erase_store();
    void show_wifi_error();
    // Says why the sign-in stopped, naming who stopped it (AuthClient::failed_by).
    void say_failure(std::string_view reason, FailedBy by);

    hal::Board board_;
    const Tracer& tracer_;
    TokenStore& store_;
    AuthClient& auth_;

    DeviceState state_ = DeviceState::Off;
    // The working copy: loaded at boot or received from the app; committed when linked.
    StoredCredentials credentials_;
    hal::WifiBand band_ = hal::WifiBand::Any;  // the app's band hint (RAM only)
    bool from_store_ = false;  // the creds being joined came from flash (so retry, not re-setup)
    bool rejoining_ = false;   // the creds being joined worked until the association was lost
    bool persisted_ = false;   // credentials_ matches the newest record in flash
    bool wifi_error_shown_ = false;
    bool signed_out_shown_ = false;
    bool resetting_ = false;   // a factory reset waits for its revocation: nothing else happens
};

} // namespace ringside::fw
