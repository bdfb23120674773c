#include "cloud/service/service_state.hpp"

#include <algorithm>

#include "cloud/verification/totp.hpp"

namespace ringside::cloud {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

} // namespace

CloudConfig effective_config(CloudConfig config) {
    // Configured entries come first and win: a scenario may redefine "demo" (say, with a
    // different password) and that definition must be the one used.
    const auto has_account = [&](std::string_view id) {
        return std::any_of(config.accounts.begin(), config.accounts.end(),
                           [&](const Account& a) { return a.id == id; });
    };
    if (!has_account("demo")) config.accounts.push_back(Account{"demo", "demo@example.com", "demo"});
    for (Account& account : config.accounts) {
        if (account.email.empty()) account.email = account.id + "@example.com";
        if (account.mfa_totp && account.totp_secret.empty())
            account.totp_secret = derive_totp_secret(config.seed, account.id);
    }
    const bool has_speaker_client = std::any_of(config.clients.begin(), config.clients.end(),
                                                [](const Client& c) { return c.id == "ringside-speaker"; });
    if (!has_speaker_client) config.clients.push_back(Client{"ringside-speaker", true});
    for (Client& client : config.clients) {
        if (client.id == "ringside-speaker" && client.name.empty()) client.name = std::string(kSpeakerClientName);
    }
    if (config.poll_interval <= Millis{0}) config.poll_interval = kDefaultPollInterval;
    return config;
}

const Client* ServiceState::find_client(std::string_view client_id) const {
    for (const Client& client : config.clients) {
        if (client.id == client_id) return &client;
    }
    return nullptr;
}

Account* ServiceState::find_account(std::string_view id_or_email) {
    return const_cast<Account*>(static_cast<const ServiceState*>(this)->find_account(id_or_email));
}

ApprovalResult ServiceState::approve(const Account& account, std::string_view user_code, Millis now) {
    if (account.restricted) return ApprovalResult::Restricted;
    return device_codes.approve(user_code, account.id, now);
}

const Account* ServiceState::find_account(std::string_view id_or_email) const {
    for (const Account& account : config.accounts) {
        if (account.id == id_or_email) return &account;
    }
    for (const Account& account : config.accounts) {
        if (equal_ignoring_case(account.email, id_or_email)) return &account;
    }
    return nullptr;
}

} // namespace ringside::cloud
