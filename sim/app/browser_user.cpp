#include "sim/app/browser_user.hpp"

#include "cloud/service/endpoint_paths.hpp"
#include "cloud/oauth/form_codec.hpp"
#include "cloud/verification/totp.hpp"

namespace ringside::sim {
namespace {

const cloud::Account* find(const cloud::CloudConfig& config, const std::string& id) {
    for (const cloud::Account& a : config.accounts)
        if (a.id == id) return &a;
    return nullptr;
}

// The authenticator app's code for the choice. "Wrong" is the right code with every digit
// shifted, so it can never be accepted by accident.
std::string one_time_code(const cloud::Account& account, PageSignIn::Otp otp, cloud::Millis now) {
    switch (otp) {
    case PageSignIn::Otp::None: return "";
    case PageSignIn::Otp::Correct: return cloud::totp(account.totp_secret, now);
    case PageSignIn::Otp::Expired: {
        const cloud::Millis earlier = now - 3 * std::chrono::duration_cast<cloud::Millis>(cloud::kTotpStep);
        return cloud::totp(account.totp_secret, earlier < cloud::Millis{0} ? cloud::Millis{0} : earlier);
    }
    case PageSignIn::Otp::Wrong: {
        std::string code = cloud::totp(account.totp_secret, now);
        for (char& c : code) c = static_cast<char>('0' + (c - '0' + 5) % 10);
        return code;
    }
    }
    return "";
}

} // namespace

const char* to_string(PageSignIn::Otp otp) {
    switch (otp) {
    case PageSignIn::Otp::Correct: return "correct";
    case PageSignIn::Otp::Wrong: return "wrong";
    case PageSignIn::Otp::Expired: return "expired";
    case PageSignIn::Otp::None: return "none";
    }
    return "none";
}

PageResult BrowserUser::sign_in(std::string_view shown_code, const PageSignIn& form, cloud::Millis now) {
    const cloud::Account* account = find(cloud_.config(), form.account);
    std::string email = account ? account->email : form.account + "@example.com";
    std::string password = account ? account->password : "";
    if (form.password == PageSignIn::Password::Wrong) password += "-wrong";
    const std::string otp = account && account->mfa_totp ? one_time_code(*account, form.otp, now) : "";

    std::vector<std::pair<std::string, std::string>> fields{{"user_code", std::string(shown_code)},
                                                            {"email", email},
                                                            {"password", password},
                                                            {"action", form.approve ? "approve" : "deny"}};
    if (!otp.empty()) fields.emplace_back("otp", otp);
    cloud::CloudRequest request{"POST", std::string(cloud::paths::kVerification), "",
                                "application/x-www-form-urlencoded", cloud::form_encode(fields)};
    const cloud::CloudResponse response = cloud_.handle(request, now);

    PageResult result;
    result.status = response.status;
    result.error = cloud_.journal().empty() ? "" : cloud_.journal().back().error;
    result.decided = response.status == 200;
    trace_.record_line("user", "sign_in",
                       form.account + (form.approve ? " approve" : " deny") + " password=" +
                           (form.password == PageSignIn::Password::Correct ? "correct" : "wrong") +
                           " otp=" + to_string(form.otp) + " -> " + std::to_string(result.status) +
                           (result.error.empty() ? "" : " " + result.error));
    return result;
}

} // namespace ringside::sim
