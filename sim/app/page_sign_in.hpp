#pragma once
// What a person does at the verification page, and what the page answered: the vocabulary
// shared by the browser actor (browser_user.hpp), the world and the scenario steps.
#include <string>

namespace ringside::sim {

// What the person types. Choices, not values: the actor knows the right ones.
struct PageSignIn {
    enum class Password { Correct, Wrong };
    // Correct: the authenticator's current code; Wrong: a different 6-digit code;
    // Expired: the code of three steps (90 s) ago; None: the field left empty.
    enum class Otp { Correct, Wrong, Expired, None };
    std::string account;  // scenario account id; the page gets its email
    Password password = Password::Correct;
    Otp otp = Otp::Correct;  // ignored (left empty) for accounts without two-step verification
    bool approve = true;     // false: press Deny
};

struct PageResult {
    int status = 0;
    std::string error;    // the page's journal error ("" when it decided), e.g. "otp_invalid"
    bool decided = false; // the page approved or denied the code
};

const char* to_string(PageSignIn::Otp otp);

} // namespace ringside::sim
