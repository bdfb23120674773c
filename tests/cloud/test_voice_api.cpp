// POST /v1/voice: bearer validation, decoding the audio, who spoke, and the intents with
// per-account data.
#include "cloud/cloud_test_support.hpp"

#include "common/tone_modem.hpp"
#include "cloud/voice/asr.hpp"
#include "cloud/voice/voice_endpoint.hpp"

using namespace cloud_test;

namespace {

std::string pcm_bytes(const std::string& text, int voice) {
    std::vector<std::int16_t> pcm(ringside::common::tone_modem::encoded_length(text));
    REQUIRE(ringside::common::tone_modem::encode(text, voice, pcm.data(), pcm.size()) == pcm.size());
    std::string bytes;
    for (std::int16_t s : pcm) {
        const auto u = static_cast<std::uint16_t>(s);
        bytes.push_back(static_cast<char>(u & 0xFF));
        bytes.push_back(static_cast<char>(u >> 8));
    }
    return bytes;
}

CloudRequest voice_request(const std::string& text, const std::string& token, int voice = 0) {
    CloudRequest r{"POST", "/v1/voice", "", "audio/L16;rate=8000", pcm_bytes(text, voice)};
    r.authorization = "Bearer " + token;
    return r;
}

CloudConfig household() {
    CloudConfig config;
    Account jane{"jane", "", "pw"};
    jane.voice.members = {{"jane", 1, {"board meeting at 9"}}, {"sam", 5, {"football at 4"}}};
    jane.voice.voice_code = "4711";
    jane.voice.purchase_limit = 30;
    jane.voice.skills = {{"recipe box", false}, {"trivia night", true}};
    config.accounts.push_back(jane);
    return config;
}

struct Session {
    CloudService cloud{household()};
    std::string token;
    Session() { token = str(sign_in(cloud, 0ms, "jane"), "access_token"); }
    std::string ask(const std::string& text, int voice = 1, Millis at = 1s) {
        const CloudResponse r = cloud.handle(voice_request(text, token, voice), at);
        REQUIRE(r.status == 200);
        return str(r, "speech");
    }
};

} // namespace

TEST_CASE("the cloud's recognizer hears what the modem encoded", "[cloud][voice]") {
    const HeardUtterance heard = transcribe(pcm_bytes("alexa, what's on my calendar?", 6));
    CHECK(heard.text == "alexa, what's on my calendar?");
    CHECK(heard.voice == 6);
    CHECK(transcribe(std::string(100, '\0')).voice == -1);  // shorter than a preamble: nothing heard
}

TEST_CASE("the cloud's recognizer ends the text at the first quiet symbol, noise or not", "[cloud][voice]") {
    std::string bytes = pcm_bytes("alexa stop", 2);
    // 700 ms of room noise after the speech, as the device streams it, then more speech that
    // must not be heard: the endpoint came first.
    for (int i = 0; i < 5600; ++i) {
        const auto noise = static_cast<std::uint16_t>(static_cast<std::int16_t>((i * 7919) % 201 - 100));
        bytes.push_back(static_cast<char>(noise & 0xFF));
        bytes.push_back(static_cast<char>(noise >> 8));
    }
    bytes += pcm_bytes("go", 2).substr(2 * ringside::common::tone_modem::kPreambleSamples);
    CHECK(transcribe(bytes).text == "alexa stop");
    CHECK(asr_speech_power() > 1.0e5);   // well above room noise
    CHECK(asr_speech_power() < 3.2e7);   // well below a tone
}

TEST_CASE("the cloud strips the wake word as an ASR does: a whole word, then the separators", "[cloud][voice]") {
    CHECK(request_after_wake_word("alexa, what's the weather?", "alexa") == "what's the weather");
    CHECK(request_after_wake_word("alexa good morning", "alexa") == "good morning");
    CHECK(request_after_wake_word("alexa", "alexa").empty());
    CHECK(request_after_wake_word("alexandra play music", "alexa") == "alexandra play music");
    CHECK(request_after_wake_word("play music, alexa", "alexa") == "play music, alexa");
}

TEST_CASE("the voice API refuses a missing, unknown or expired bearer token with 401", "[cloud][voice]") {
    Session s;
    CloudRequest none = voice_request("alexa good morning", s.token);
    none.authorization.clear();
    CHECK(s.cloud.handle(none, 1s).status == 401);
    CHECK(s.cloud.handle(voice_request("alexa good morning", "made-up"), 1s).status == 401);
    const CloudResponse late = s.cloud.handle(voice_request("alexa good morning", s.token), 2h);
    CHECK(late.status == 401);
    CHECK(error_of(late) == "invalid_token");
    CHECK_FALSE(s.cloud.voice_world().state("jane").lights_on);
    CHECK(s.cloud.journal().back().endpoint == "voice");
}

// RFC 9110 §15.5.6: a 405 must say which methods would work (found by fuzz.cloud_requests:
// HEAD /v1/voice answered 405 without Allow).
TEST_CASE("the voice API answers another method with 405 and Allow: POST", "[cloud][voice]") {
    Session s;
    for (const char* method : {"GET", "HEAD", "PUT"}) {
        CloudRequest r = voice_request("alexa good morning", s.token);
        r.method = method;
        const CloudResponse response = s.cloud.handle(r, 1s);
        CHECK(response.status == 405);
        CHECK(header(response, "Allow") == "POST");
        CHECK(error_of(response) == "method_not_allowed");
    }
    CHECK_FALSE(s.cloud.voice_world().state("jane").lights_on);
}

TEST_CASE("each household member's voice gets their own calendar", "[cloud][voice]") {
    Session s;
    CHECK(s.ask("alexa what's on my calendar", 1) == "jane, today you have board meeting at 9.");
    CHECK(s.ask("alexa what's on my calendar", 5) == "sam, today you have football at 4.");
}

TEST_CASE("music needs a subscription, Good Morning turns on the lights", "[cloud][voice]") {
    Session s;
    CHECK(s.ask("alexa play music").find("subscription") != std::string::npos);
    CHECK(s.ask("alexa good morning").find("news") != std::string::npos);
    CHECK(s.cloud.voice_world().state("jane").lights_on);
}

TEST_CASE("voice purchases: code, three wrong codes lock, limit", "[cloud][voice]") {
    Session s;
    CHECK(s.ask("alexa buy headphones").find("purchase limit") != std::string::npos);
    CHECK(s.ask("alexa buy coffee").find("voice code") != std::string::npos);
    CHECK(s.ask("4711") == "Okay, I bought coffee.");
    for (int i = 0; i < 2; ++i) {
        s.ask("alexa buy coffee");
        CHECK(s.ask("0000").find("didn't buy") != std::string::npos);
        CHECK_FALSE(s.cloud.voice_world().state("jane").purchasing_locked);
    }
    s.ask("alexa buy coffee");
    CHECK(s.ask("0000").find("locked") != std::string::npos);
    CHECK(s.ask("alexa buy coffee").find("locked") != std::string::npos);
    CHECK(s.cloud.voice_world().state("jane").purchases.size() == 1);
}

TEST_CASE("a right code resets the wrong-code count", "[cloud][voice]") {
    Session s;
    for (int i = 0; i < 2; ++i) { s.ask("alexa buy coffee"); s.ask("0000"); }
    s.ask("alexa buy coffee");
    CHECK(s.ask("4711") == "Okay, I bought coffee.");
    s.ask("alexa buy coffee");
    s.ask("0000");
    CHECK_FALSE(s.cloud.voice_world().state("jane").purchasing_locked);
}

TEST_CASE("a skill with mismatched permissions answers with guidance", "[cloud][voice]") {
    Session s;
    CHECK(s.ask("alexa open recipe box").find("review the skill's permissions") != std::string::npos);
    CHECK(s.ask("alexa open trivia night") == "Welcome to trivia night.");
}

TEST_CASE("deleting recordings by voice confirms and empties the account's recordings", "[cloud][voice]") {
    Session s;
    s.ask("alexa good morning");
    s.ask("alexa play music");
    CHECK(s.cloud.voice_world().state("jane").recordings == 2);
    const CloudResponse r = s.cloud.handle(voice_request("alexa delete everything i said today", s.token, 1), 1s);
    CHECK(str(r, "speech").find("deleted") != std::string::npos);
    CHECK(r.body.find("\"recordings_deleted\":true") != std::string::npos);
    CHECK(s.cloud.voice_world().state("jane").recordings == 0);
    s.ask("alexa good morning");
    CHECK(s.cloud.voice_world().delete_recordings("jane") == 1);
    CHECK(s.cloud.voice_world().state("jane").recordings == 0);
}
