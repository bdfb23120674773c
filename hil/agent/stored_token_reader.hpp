#pragma once
// A port's answer to QueryStoredToken (kCapTestFace): reads the refresh token the firmware
// would load at its next boot, through the firmware's own token store over the same flash
// and device crypto, so the host checks what is really committed, not what RAM believes.
// Holds a record-sized buffer (about 0.7 KiB) and a scratch copy of the credentials, wiped
// after every read: make it a member of the port, not a local.
// Who may call: the port, from BoardPort::read_stored_refresh_token (outside any dispatch,
// so no commit is half-done).
#include "firmware/auth/stored_credentials.hpp"
#include "firmware/auth/token_store.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/crypto.hpp"
#include "firmware/hal/flash.hpp"

namespace ringside::hil {

class StoredTokenReader {
public:
    StoredTokenReader(hal::Flash& flash, hal::Crypto& crypto) : store_(flash, crypto) {}
    StoredTokenReader(const StoredTokenReader&) = delete;
    StoredTokenReader& operator=(const StoredTokenReader&) = delete;

    // `out` gets the stored refresh token, or is empty when the flash holds none (or none
    // that verifies).
    void read(fw::FixedString<fw::kMaxRefreshToken>& out);

private:
    fw::TokenStore store_;
    fw::StoredCredentials scratch_;
};

} // namespace ringside::hil
