#pragma once
// One thing that crossed between a board and its world during a recorded session: an input
// the world gave the board (power, a button edge, provisioning, a Wi-Fi outcome, a cloud
// answer, speech into the microphone, a reflash) or an output the board gave the world (what
// it shows, what it says, a request for the cloud, a Wi-Fi or setup call), at world time.
// Fields are name/value text, in a fixed order per kind, so two sessions compare field by
// field and a person can read the file. Who may call: the recorder, the replayer.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace ringside::hil {

struct SessionEvent {
    enum class Dir { In, Out };
    std::chrono::milliseconds at{0};
    Dir dir = Dir::In;
    std::string kind;  // in: power, button, setup, wifi, http, say, reflash; out: status, speech, http, cancel, wifi_join, wifi_leave, prefer_band, setup_report
    std::vector<std::pair<std::string, std::string>> fields;

    // The value of `name`, empty when absent.
    std::string get(const std::string& name) const {
        for (const auto& [k, v] : fields)
            if (k == name) return v;
        return {};
    }
    bool same_as(const SessionEvent& o) const { return at == o.at && dir == o.dir && kind == o.kind && fields == o.fields; }
    // "status device=setup auth=unlinked ring=setup", bodies shortened, for messages.
    std::string describe() const;
};

// A body as a field: "body" when it is text a JSON line carries as it is, else "body_b64"
// (base64: the microphone's audio, any bytes); body_of reads either back.
std::pair<std::string, std::string> body_field(const std::string& body);
std::string body_of(const SessionEvent& event);

} // namespace ringside::hil
