#pragma once
// The virtual speaker signing in against a real authorization server in real time: what
// `ringside demo --issuer URL` runs behind its window and `ringside signin` runs in a
// terminal. It owns the world (signed out, on the home Wi-Fi: home_wifi.hpp), the cloud
// (the real server, sim/cloud_client/issuer_cloud.hpp) and the pacer that keeps the world on
// the wall clock at 1x (sim/pacing/wall_pacer.hpp). The speaker is powered on at
// construction; from then on the caller calls advance() (once per frame, or in a loop) and
// reads the speaker, and the person signs in at verification_uri() with user_code().
// advance() can block for one HTTP exchange with the server (bounded by IssuerCloudOptions'
// timeouts; milliseconds on a healthy network).
// Who may call: one thread, the one that calls advance().
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/cloud_client/issuer_cloud.hpp"
#include "sim/issuer/issuer_flags.hpp"
#include "sim/app/home_wifi.hpp"
#include "sim/pacing/wall_pacer.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

struct IssuerSessionOptions {
    std::string issuer;                      // http(s) URL of the authorization server
    std::string ca_file;                     // PEM CA to trust for https; empty: the system's
    std::string client_id = "ringside-speaker";  // as registered with that server
    std::string scope = "speaker";
    std::uint64_t seed = 1;
    // What the speaker sends as device_serial (1-64 of A-Za-z0-9-_.): a fleet gives each
    // speaker its own, so the verification page and the server's logs tell them apart.
    std::string serial_number = "RS0000000001";
};

// The options a command's issuer flags ask for (sim/issuer/issuer_flags.hpp).
IssuerSessionOptions session_options(const IssuerFlags& flags, std::uint64_t seed = 1);

// The world of a speaker about to sign in against `options.issuer`: signed out on the home
// Wi-Fi (home_wifi.hpp), on the system clock's calendar, with the client id and scope given,
// discovering its endpoints from the metadata. Throws std::invalid_argument for an issuer
// that is not an absolute http(s) URL. IssuerSession builds its world with it, and so does
// the demo window, which paces its own world.
WorldConfig issuer_world(const IssuerSessionOptions& options);

class IssuerSession {
public:
    // Builds the world and powers the speaker on, at wall instant `wall_now` (steady clock)
    // and the system clock's calendar. Throws std::invalid_argument for an issuer that is not
    // an absolute http(s) URL.
    IssuerSession(const IssuerSessionOptions& options, WallPacer::WallClock::time_point wall_now);
    ~IssuerSession();

    // Moves the world to `wall_now` (at most `budget` of wall time on events; see
    // WallPacer::advance) and hands the home Wi-Fi over if the speaker asks for setup.
    // True when the world got there.
    bool advance(WallPacer::WallClock::time_point wall_now,
                 std::chrono::milliseconds budget = std::chrono::milliseconds(8));

    VirtualSpeaker& speaker();
    const VirtualSpeaker& speaker() const;
    // The pacer, for pause and resume. Keep its speed at 1: the server counts real time
    // (faster polls meet slow_down, and the answers' delays are real milliseconds).
    WallPacer& pacer();
    // The real server as the speaker met it: journal(), problem(). Its test face throws.
    const cloud::IssuerCloud& issuer() const;
    // Where the person signs in while the speaker shows a code (empty otherwise): the
    // speaker's own (VirtualSpeaker::verification_uri), here for callers of this class.
    std::string verification_uri() const;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace ringside::sim
