// The mock cloud's request handling in process (CloudService::handle), one fresh cloud per
// input (fixed seed) so a finding replays alone. The input is a short script: each step is
// an HTTP request (a real endpoint path or a fuzzed one, method, Content-Type,
// Authorization, a body that is fuzz bytes or a real OAuth request built from the codes
// and tokens earlier answers handed out) or the user's side through the test face
// (approve, deny, approve after polls, remove the speaker). Virtual time only moves on.
// Without the remembered codes and tokens the fuzzer could never guess a live device code,
// and the state machine would stay at its first step.
//
// Every answer must be one a conforming client can act on (cloud_answer_checks.hpp).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cloud/service/cloud_service.hpp"
#include "cloud/service/endpoint_paths.hpp"
#include "common/tone_modem.hpp"
#include "fuzz/cloud_answer_checks.hpp"

using namespace ringside::cloud;
using namespace fuzz_cloud;

namespace {

constexpr int kMaxSteps = 12;

CloudConfig config_for(int variant) {
    CloudConfig config;
    config.seed = 7;
    if (variant == 1) config.dialect = Dialect::Lwa;
    if (variant == 2) {
        // A confidential client with limited scopes, and accounts that refuse in other ways.
        config.clients.push_back(Client{"kitchen-display", false, false, "Kitchen display", "s3cret", {"speaker", "profile"}});
        Account kid{"kid", "", "kid"};
        kid.restricted = true;
        config.accounts.push_back(kid);
        Account mfa{"mfa", "", "mfa"};
        mfa.mfa_totp = true;
        config.accounts.push_back(mfa);
    }
    return config;
}

// What earlier answers handed out, so later requests can use it.
struct Remembered {
    std::string device_code, user_code, access_token, refresh_token;

    void learn(const CloudResponse& response) {
        const nlohmann::json body = parse_json_body(response);
        if (!body.is_object() || response.status != 200) return;
        const auto take = [&](const char* key, std::string& into) {
            const auto it = body.find(key);
            if (it != body.end() && it->is_string()) into = it->get<std::string>();
        };
        take("device_code", device_code);
        take("user_code", user_code);
        take("access_token", access_token);
        take("refresh_token", refresh_token);
    }
};

// For the trace: bytes a terminal would swallow (NUL, controls, non-ASCII) as \xNN.
std::string printable(const std::string& bytes) {
    std::string out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) {
            out.push_back(c);
        } else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        }
    }
    return out;
}

std::string pick(FuzzedDataProvider& in, const std::vector<std::string>& choices) {
    const std::size_t i = in.ConsumeIntegralInRange<std::size_t>(0, choices.size());
    return i < choices.size() ? choices[i] : in.ConsumeRandomLengthString(48);
}

std::string spoken(FuzzedDataProvider& in) {
    namespace modem = ringside::common::tone_modem;
    const std::string text = pick(in, {"alexa, turn on the lights", "alexa, buy more coffee", "alexa, 1234",
                                       "alexa, delete everything I said", "alexa, what time is it"});
    const int voice = in.ConsumeIntegralInRange(0, 7);
    std::vector<std::int16_t> samples(modem::encoded_length(text.substr(0, 64)));
    samples.resize(modem::encode(text.substr(0, 64), voice, samples.data(), samples.size()));
    std::string bytes;
    for (const std::int16_t s : samples) {
        bytes.push_back(static_cast<char>(s & 0xff));
        bytes.push_back(static_cast<char>((s >> 8) & 0xff));
    }
    return bytes;
}

// Every choice is its own statement: the order bytes are consumed in is then fixed, and
// fuzz/make_cloud_requests_seeds.py can write seeds that mean what they say.
std::string body_for(FuzzedDataProvider& in, const Remembered& m) {
    const std::string client = pick(in, {"ringside-speaker", "kitchen-display", "stranger"});
    std::string body;
    switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0: return in.ConsumeRandomLengthString(256);
    case 1: {
        const std::string scope = pick(in, {"speaker", "profile", "speaker profile", "admin"});
        const std::string serial = pick(in, {"SN-0001", ""});
        body = "client_id=" + client + "&scope=" + scope + "&device_serial=" + serial;
        break;
    }
    case 2:
        body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=" + m.device_code +
               "&client_id=" + client;
        break;
    case 3: body = "grant_type=refresh_token&refresh_token=" + m.refresh_token + "&client_id=" + client; break;
    case 4: {
        const std::string token = pick(in, {m.refresh_token, m.access_token});
        const std::string hint = pick(in, {"refresh_token", "access_token"});
        body = "token=" + token + "&token_type_hint=" + hint + "&client_id=" + client;
        break;
    }
    case 5: {
        const std::string email = pick(in, {"demo%40example.com", "kid%40example.com", "mfa"});
        const std::string password = pick(in, {"demo", "kid", "wrong"});
        const std::string action = pick(in, {"approve", "deny"});
        const std::string otp = pick(in, {"000000", ""});
        body = "user_code=" + m.user_code + "&email=" + email + "&password=" + password + "&action=" + action +
               "&otp=" + otp;
        break;
    }
    case 6: body = "access_token=" + m.access_token; break;
    case 7: {
        const std::string scope_data = pick(in, {"%7B%22alexa%3Aall%22%3A%7B%22productID%22%3A%22ringside%22%2C%22"
                                                 "productInstanceAttributes%22%3A%7B%22deviceSerialNumber%22%3A%22SN1%22%7D%7D%7D",
                                                 "%7B%7D"});
        body = "response_type=device_code&client_id=" + client + "&scope=alexa%3Aall&scope_data=" + scope_data;
        break;
    }
    case 8:
        body = "grant_type=device_code&device_code=" + m.device_code + "&user_code=" + m.user_code +
               "&client_id=" + client;
        break;
    default: return spoken(in);
    }
    if (in.ConsumeBool()) body += "&" + in.ConsumeRandomLengthString(64);  // repeats, junk, bad escapes
    return body;
}

CloudRequest request_for(FuzzedDataProvider& in, const Remembered& m) {
    CloudRequest r;
    r.method = pick(in, {"POST", "GET", "PUT", "HEAD"});
    r.path = pick(in, {std::string(paths::kMetadata), std::string(paths::kDeviceAuthorization),
                       std::string(paths::kToken), std::string(paths::kRevoke), std::string(paths::kVerification),
                       std::string(paths::kLwaCodePair), std::string(paths::kLwaToken), std::string(paths::kVoice),
                       std::string(paths::kSettings), "/"});
    r.query = pick(in, {"", "user_code=" + m.user_code});
    r.content_type = pick(in, {"application/x-www-form-urlencoded", "", "application/x-www-form-urlencoded; charset=UTF-8",
                               "application/json"});
    r.authorization = pick(in, {"", "Basic cmluZ3NpZGUtc3BlYWtlcjo=" /* ringside-speaker: */,
                                "Basic a2l0Y2hlbi1kaXNwbGF5OnMzY3JldA==" /* kitchen-display:s3cret */,
                                "Bearer " + m.access_token});
    r.body = body_for(in, m);
    return r;
}

// The user's side, as the app or a person on the verification page would act.
void act_as_user(FuzzedDataProvider& in, CloudService& cloud, const Remembered& m, Millis now) {
    const std::vector<std::string> pending = cloud.pending_user_codes(now);
    for (const std::string& code : pending) require(code.size() == 9 && code[4] == '-', "a pending code is not XXXX-XXXX");
    const bool oldest_pending = in.ConsumeBool();
    const std::string code = oldest_pending && !pending.empty() ? pending.front() : m.user_code;
    const std::string account = pick(in, {"demo", "DEMO@example.com", "kid", "nobody"});
    switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: (void)cloud.approve(code, account, now); break;
    case 1: (void)cloud.deny(code, now); break;
    case 2: (void)cloud.approve_after_polls(code, account, in.ConsumeIntegralInRange(-1, 4), now); break;
    default: (void)cloud.revoke_account(account, {}); break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // CLOUD_REQUESTS_TRACE=1 prints each exchange: to see what a seed or a finding does.
    static const bool trace = std::getenv("CLOUD_REQUESTS_TRACE") != nullptr;
    FuzzedDataProvider in(data, size);
    CloudService cloud(config_for(in.ConsumeIntegralInRange(0, 2)));
    Remembered remembered;
    Millis now{0};
    std::size_t answered = 0;
    for (int step = 0; step < kMaxSteps && in.remaining_bytes() > 0; ++step) {
        now += Millis(in.ConsumeIntegralInRange<std::int64_t>(0, 700'000));
        if (in.ConsumeIntegralInRange(0, 4) == 0) {
            act_as_user(in, cloud, remembered, now);
            if (trace) std::fprintf(stderr, "%8lld ms the user acts\n", static_cast<long long>(now.count()));
            continue;
        }
        const CloudRequest request = request_for(in, remembered);
        const CloudResponse response = cloud.handle(request, now);
        ++answered;
        if (trace) {
            std::fprintf(stderr, "%8lld ms %s %s?%s [%s] [%s] [%s] -> %d %s\n", static_cast<long long>(now.count()),
                         printable(request.method).c_str(), printable(request.path).c_str(),
                         printable(request.query).c_str(), printable(request.content_type).c_str(),
                         printable(request.authorization).c_str(), printable(request.body).c_str(), response.status,
                         printable(response.body.substr(0, 160)).c_str());
        }
        check_answer(response);
        require(cloud.journal().size() == answered, "a request was not journaled once");
        check_journal_entry(cloud.journal().back(), response);
        remembered.learn(response);
        if (!remembered.access_token.empty()) {
            require(cloud.access_token_valid(remembered.access_token, now) ==
                        cloud.access_token_account(remembered.access_token, now).has_value(),
                    "access_token_valid and access_token_account disagree");
        }
    }
    return 0;
}
