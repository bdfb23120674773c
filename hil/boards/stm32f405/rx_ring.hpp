#pragma once
// A single-producer single-consumer byte ring between an interrupt handler (push) and the
// loop (pop): lock-free, so the loop never masks the UART interrupt to read. The indices
// only grow (wrapping at 2^32); their difference is the fill, which is why the capacity
// must be a power of two.
// Who may call: push — exactly one interrupt handler; pop/empty — the loop only.
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace ringside::stm32f405 {

template <std::size_t Capacity>
class RxRing {
    static_assert(Capacity > 0 && (Capacity & (Capacity - 1)) == 0, "capacity must be a power of two");

public:
    // False when full: the byte is lost (the caller counts an overrun).
    bool push(std::uint8_t byte) {
        const std::uint32_t head = head_.load(std::memory_order_relaxed);
        if (head - tail_.load(std::memory_order_acquire) == Capacity) return false;
        bytes_[head & (Capacity - 1)] = byte;
        head_.store(head + 1, std::memory_order_release);  // the byte is visible before the index
        return true;
    }

    // Up to `max` bytes, oldest first; returns how many.
    std::size_t pop(std::uint8_t* out, std::size_t max) {
        std::uint32_t tail = tail_.load(std::memory_order_relaxed);
        const std::uint32_t head = head_.load(std::memory_order_acquire);
        std::size_t n = 0;
        while (tail != head && n < max) out[n++] = bytes_[tail++ & (Capacity - 1)];
        tail_.store(tail, std::memory_order_release);  // frees the slots only after they were read
        return n;
    }

    bool empty() const { return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_relaxed); }

private:
    std::uint8_t bytes_[Capacity] = {};
    std::atomic<std::uint32_t> head_{0};  // written by the producer only
    std::atomic<std::uint32_t> tail_{0};  // written by the consumer only
};

} // namespace ringside::stm32f405
