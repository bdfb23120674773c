#pragma once
// Asking a board for its own figures (QueryBoardStats -> BoardStats, docs/hil_protocol.md):
// stack size and high-water mark, static RAM, flash, heap allocations after start-up, UART
// overruns, uptime. Only boards that announce kCapBoardStats answer. Who may call: whoever
// owns the BoardLink after the handshake (`ringside hil ping`, tests). Times are real time.
#include <chrono>

#include "hil/host/board_link.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

// Sends QueryBoardStats and returns the board's answer; other frames before it (a Status,
// a Trace) are skipped. Throws LinkError: Timeout ("board on X did not answer
// QueryBoardStats within 2 s"), WrongProtocol (it refused with a Nack, or answered in another
// layout), Closed, BoardFault.
BoardStats query_board_stats(BoardLink& link, std::chrono::milliseconds timeout);

} // namespace ringside::hil
