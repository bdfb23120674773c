#pragma once
// How the verification page looks: plain HTML with no script, so the standalone cloud works
// from any browser and tests can drive it with form posts. Every piece of text that came
// from a request or the configuration is escaped here; callers pass plain text.
// Who may call: the verification page (verification_page.cpp).
#include <string>
#include <string_view>

#include "cloud/oauth/device_codes.hpp"
#include "cloud/oauth/oauth_response.hpp"

namespace ringside::cloud {

enum class PageForm {
    None,      // a final answer (decided, or locked out)
    CodeOnly,  // step 1: the code alone, sent as GET /device?user_code=..., so the next page
               // can name the device before the person types a password
    SignIn,    // step 2: code, email, password, one-time code, Allow/Deny (POST /device)
};

// Which device asks (RFC 8628 §5.4): the client's display name, the serial number the device
// claimed and, when known, its product. Never the device code.
struct PageDevice {
    std::string name;           // the client's display name (or its id)
    std::string serial_number;  // empty: the device did not say
    std::string product_id;     // empty: unknown
};

struct PageParts {
    std::string_view message{};
    const PageDevice* device = nullptr;  // set once a live code was entered
    PageForm form = PageForm::None;
    std::string_view user_code{};        // pre-filled into the form, as typed
};

// `error` is what the journal records: RFC 6749 vocabulary where it fits, so one set of
// names covers every endpoint. The answer is never cached (it may name an account's device).
Outcome verification_page(int status, std::string_view error, const PageParts& parts);

} // namespace ringside::cloud
