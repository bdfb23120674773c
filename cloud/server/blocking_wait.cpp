#include "cloud/server/blocking_wait.hpp"

namespace ringside::cloud {
namespace {

thread_local std::function<void(bool)> hook;

} // namespace

BlockingWait::BlockingWait() {
    if (hook) hook(true);
}

BlockingWait::~BlockingWait() {
    if (hook) hook(false);
}

void BlockingWait::on_this_thread(std::function<void(bool waiting)> h) { hook = std::move(h); }

} // namespace ringside::cloud
