#include "hil/agent/stored_token_reader.hpp"

namespace ringside::hil {

void StoredTokenReader::read(fw::FixedString<fw::kMaxRefreshToken>& out) {
    out.wipe();
    if (store_.load(scratch_)) out.assign(scratch_.refresh_token.view());
    scratch_.wipe();  // the Wi-Fi password came along with it
}

} // namespace ringside::hil
