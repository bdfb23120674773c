#include "hil/host/board_starts.hpp"

#include "hil/host/emulator_process.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/qemu_process.hpp"

namespace ringside::hil {

BoardStarts::Start BoardStarts::start_for(const std::string& port) {
    if (port == "emulator") return [] { return std::shared_ptr<BoardProcess>(std::make_shared<EmulatorProcess>()); };
    if (port == "qemu") return [] { return std::shared_ptr<BoardProcess>(std::make_shared<QemuProcess>()); };
    return {};
}

std::shared_ptr<BoardProcess> BoardStarts::take() {
    std::future<std::shared_ptr<BoardProcess>> spare;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!spares_.empty()) {
            spare = std::move(spares_.front());
            spares_.pop_front();
        }
        if (taken_++ > 0) spares_.push_back(std::async(std::launch::async, start_));
    }
    if (spare.valid()) {
        try {
            std::shared_ptr<BoardProcess> process = spare.get();
            if (process->running()) return process;
        } catch (const LinkError&) {
        }
    }
    return start_();
}

} // namespace ringside::hil
