#pragma once
// The exception handlers that end the board: every fault vector and every interrupt nobody
// asked for. Each reports a Fault (fault.hpp) with what the core recorded, then halts.
// Who may call: the vector table only.

extern "C" {
// HardFault (and MemManage, BusFault, UsageFault, which escalate to it here): the faulting
// pc and lr from the stacked frame, CFSR with its bits named, HFSR, and the fault address
// when the core recorded one. Naked: it must read the frame before anything else touches
// the stack.
void HardFault_Handler();
// Any exception or interrupt without a handler of its own: which one it was.
void Default_Handler();
}
