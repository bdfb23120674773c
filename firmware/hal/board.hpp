#pragma once
// Everything the firmware may touch, handed over as one bundle of references (no globals).
// A backend (simulator, board emulator, real board) owns the parts and the event loop.
#include "firmware/hal/buttons.hpp"
#include "firmware/hal/clock.hpp"
#include "firmware/hal/crypto.hpp"
#include "firmware/hal/flash.hpp"
#include "firmware/hal/http_client.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/microphone.hpp"
#include "firmware/hal/random.hpp"
#include "firmware/hal/setup_channel.hpp"
#include "firmware/hal/rtc.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/timers.hpp"
#include "firmware/hal/trace.hpp"
#include "firmware/hal/wifi.hpp"

namespace ringside::hal {

struct Board {
    Clock& clock;
    Timers& timers;
    LedRing& ring;
    Wifi& wifi;
    HttpClient& http;
    Flash& flash;
    Random& random;
    TraceSink& trace;
    Speech& speech;
    Microphone& mic;
    SetupChannel& setup;  // back to the companion app
    Crypto& crypto;  // sealing at rest under the device key (the token store)
    RealTimeClock& rtc;  // calendar time for certificate checks
};

} // namespace ringside::hal
