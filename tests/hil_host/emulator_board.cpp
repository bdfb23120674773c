#include "emulator_board.hpp"

#include "hil/host/emulator_process.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::test {
namespace {

// BoardDevice as the world sees it, plus one thing: when the world destroys it, the link's
// counters are copied out first, so a test can see what the link skipped and counted
// (garbage it recovered from leaves no other trace).
class WatchedBoard final : public sim::Device {
public:
    WatchedBoard(std::unique_ptr<hil::BoardDevice> board, const hil::BoardLink& link, std::shared_ptr<Observed> observed)
        : board_(std::move(board)), link_(link), observed_(std::move(observed)) {}
    ~WatchedBoard() override { observed_->counters = link_.counters(); }

    void power_on() override { board_->power_on(); }
    void power_off() override { board_->power_off(); }
    bool powered() const override { return board_->powered(); }
    bool reflash_client_id(const std::string& client_id) override { return board_->reflash_client_id(client_id); }
    sim::Millis say(const std::string& text, int voice) override { return board_->say(text, voice); }
    fw::DeviceState device_state() const override { return board_->device_state(); }
    fw::AuthState auth_state() const override { return board_->auth_state(); }
    fw::RingPattern ring_pattern() const override { return board_->ring_pattern(); }
    hal::RingFrame leds() const override { return board_->leds(); }
    std::string user_code() const override { return board_->user_code(); }
    std::size_t device_audio_samples() const override { return board_->device_audio_samples(); }
    const std::vector<sim::SpokenSentence>& spoken() const override { return board_->spoken(); }
    std::optional<std::string> stored_refresh_token() const override { return board_->stored_refresh_token(); }
    std::int64_t rtc_unix() const override { return board_->rtc_unix(); }
    std::optional<sim::Millis> run_to(sim::Millis t) override { return board_->run_to(t); }

private:
    std::unique_ptr<hil::BoardDevice> board_;
    const hil::BoardLink& link_;  // owned by board_
    std::shared_ptr<Observed> observed_;
};

} // namespace

std::unique_ptr<sim::Device> watched(std::unique_ptr<hil::BoardDevice> board, const hil::BoardLink& link,
                                     std::shared_ptr<Observed> observed) {
    return std::make_unique<WatchedBoard>(std::move(board), link, std::move(observed));
}

sim::DeviceFactory noisy_emulator(Fault fault, std::shared_ptr<Observed> observed, hil::BoardDeviceOptions options) {
    return [fault, observed, options](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
        try {
            auto process = std::make_shared<hil::EmulatorProcess>();
            observed->emulator = process->pid();
            ++observed->boards;
            auto link = std::make_unique<hil::BoardLink>(
                std::make_unique<NoisyTransport>(process->take_transport(), fault, observed->noisy));
            const hil::BoardIdentity identity = hil::handshake(*link);
            const hil::BoardLink& seen_link = *link;
            auto board = std::make_unique<hil::BoardDevice>(context, std::move(link), identity, process, options);
            return watched(std::move(board), seen_link, observed);
        } catch (const hil::LinkError& e) {
            throw sim::DeviceLost(e.what());
        }
    };
}

} // namespace ringside::test
