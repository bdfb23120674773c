#include "cloud/oauth/device_codes.hpp"

#include "cloud/oauth/opaque_token.hpp"
#include "cloud/oauth/user_code.hpp"

namespace ringside::cloud {

const DeviceAuthorization& DeviceCodeRegistry::issue(std::string client_id, std::string scope,
                                                     DeviceIdentity device, Millis now, Millis lifetime,
                                                     Millis interval, CodeSource& source) {
    DeviceAuthorization authorization;
    // Codes are never reused, even after expiry: a late approval of a recycled user code
    // would hand one speaker's sign-in to another.
    do {
        authorization.user_code = generate_user_code(source);
    } while (device_code_by_user_code_.count(authorization.user_code) != 0);
    do {
        authorization.device_code = generate_opaque_token(source, "");
    } while (by_device_code_.count(authorization.device_code) != 0);
    authorization.client_id = std::move(client_id);
    authorization.scope = std::move(scope);
    authorization.device = std::move(device);
    authorization.expires_at = now + lifetime;
    authorization.interval = interval;

    std::string key = authorization.device_code;
    device_code_by_user_code_[authorization.user_code] = key;
    device_codes_in_issue_order_.push_back(key);
    return by_device_code_.emplace(std::move(key), std::move(authorization)).first->second;
}

PollResult DeviceCodeRegistry::poll(std::string_view device_code, std::string_view client_id,
                                    Millis now) {
    const auto it = by_device_code_.find(std::string(device_code));
    if (it == by_device_code_.end()) return {PollVerdict::InvalidGrant, nullptr};
    DeviceAuthorization& authorization = it->second;
    // A consumed or foreign code reads as unknown: neither may learn anything about it.
    if (authorization.state == DeviceCodeState::Consumed || authorization.client_id != client_id) {
        return {PollVerdict::InvalidGrant, nullptr};
    }

    const std::optional<Millis> previous_poll = authorization.last_poll;
    authorization.last_poll = now;

    if (now >= authorization.expires_at) return {PollVerdict::ExpiredToken, &authorization};
    switch (authorization.state) {
    case DeviceCodeState::Denied:
        return {PollVerdict::AccessDenied, &authorization};
    case DeviceCodeState::Approved:
        authorization.state = DeviceCodeState::Consumed;
        return {PollVerdict::Approved, &authorization};
    case DeviceCodeState::Pending: {
        const bool too_soon = previous_poll && now - *previous_poll < authorization.interval;
        if (too_soon) authorization.interval += kSlowDownStep;
        // The user of a booked approval acts after this poll was answered, not before it.
        if (authorization.polls_to_approval > 0 && --authorization.polls_to_approval == 0)
            authorization.state = DeviceCodeState::Approved;
        return {too_soon ? PollVerdict::SlowDown : PollVerdict::AuthorizationPending, &authorization};
    }
    case DeviceCodeState::Consumed:
        break;
    }
    return {PollVerdict::InvalidGrant, nullptr};
}

const DeviceAuthorization* DeviceCodeRegistry::find_by_user_code(std::string_view user_code) const {
    const auto code = device_code_by_user_code_.find(normalise_user_code(user_code));
    if (code == device_code_by_user_code_.end()) return nullptr;
    return &by_device_code_.at(code->second);
}

const DeviceAuthorization* DeviceCodeRegistry::find_pending(std::string_view user_code, Millis now) const {
    const DeviceAuthorization* authorization = find_by_user_code(user_code);
    if (!authorization || authorization->state != DeviceCodeState::Pending || now >= authorization->expires_at)
        return nullptr;
    return authorization;
}

std::vector<std::string> DeviceCodeRegistry::pending_user_codes(Millis now) const {
    std::vector<std::string> codes;
    for (const std::string& device_code : device_codes_in_issue_order_) {
        const DeviceAuthorization& authorization = by_device_code_.at(device_code);
        if (authorization.state == DeviceCodeState::Pending && now < authorization.expires_at) {
            codes.push_back(authorization.user_code);
        }
    }
    return codes;
}

DeviceAuthorization* DeviceCodeRegistry::decidable(std::string_view user_code, Millis now,
                                                   ApprovalResult& refusal) {
    const auto code = device_code_by_user_code_.find(normalise_user_code(user_code));
    if (code == device_code_by_user_code_.end()) {
        refusal = ApprovalResult::UnknownCode;
        return nullptr;
    }
    DeviceAuthorization& authorization = by_device_code_.at(code->second);
    if (authorization.state != DeviceCodeState::Pending) {
        refusal = ApprovalResult::AlreadyUsed;
        return nullptr;
    }
    if (now >= authorization.expires_at) {
        refusal = ApprovalResult::ExpiredCode;
        return nullptr;
    }
    return &authorization;
}

ApprovalResult DeviceCodeRegistry::approve(std::string_view user_code, std::string_view account_id,
                                           Millis now) {
    ApprovalResult refusal{};
    DeviceAuthorization* authorization = decidable(user_code, now, refusal);
    if (!authorization) return refusal;
    authorization->state = DeviceCodeState::Approved;
    authorization->account_id = std::string(account_id);
    return ApprovalResult::Approved;
}

ApprovalResult DeviceCodeRegistry::approve_after_polls(std::string_view user_code, std::string_view account_id,
                                                       int polls, Millis now) {
    if (polls <= 0) return approve(user_code, account_id, now);
    ApprovalResult refusal{};
    DeviceAuthorization* authorization = decidable(user_code, now, refusal);
    if (!authorization) return refusal;
    authorization->polls_to_approval = polls;
    authorization->account_id = std::string(account_id);
    return ApprovalResult::Scheduled;
}

ApprovalResult DeviceCodeRegistry::deny(std::string_view user_code, Millis now) {
    ApprovalResult refusal{};
    DeviceAuthorization* authorization = decidable(user_code, now, refusal);
    if (!authorization) return refusal;
    authorization->state = DeviceCodeState::Denied;
    return ApprovalResult::Denied;
}

} // namespace ringside::cloud
