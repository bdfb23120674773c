// The pieces of the C++ and C runtime a bare-metal image must supply itself, each ending the
// board with a Fault the host shows instead of the library's default (an exception this
// image cannot throw, abort()'s silent loop, or an exit that pulls in stdio):
//   - std::__throw_*: what libstdc++'s inline code calls where it would throw (e.g.
//     string_view::substr out of range). Defining them here keeps libstdc++'s exception
//     machinery, and its emergency heap pool, out of the image.
//   - __cxa_pure_virtual, __assert_func (assert()), abort.
//   - __cxa_atexit: static destructors are never run (the board never exits), so nothing
//     is registered, and newlib's atexit tables (which may allocate) stay out.
#include <cstdint>
#include <string_view>

#include "hil/boards/stm32f405/fault.hpp"
#include "hil/boards/stm32f405/text_buffer.hpp"

using ringside::stm32f405::halt_with_fault;

namespace {

// "std::out_of_range: <what>" — libstdc++'s texts name the function that refused; the
// _fmt forms are printf formats, shown as they are (the numbers are lost, the place is not).
[[noreturn]] void halt_with(const char* exception, const char* what) {
    ringside::stm32f405::TextBuffer<ringside::stm32f405::kMaxFaultText> text;
    text.add(exception).add(": ").add(what ? what : "?");
    halt_with_fault(text.view());
}

} // namespace

namespace std {
[[noreturn]] void __throw_out_of_range_fmt(const char* format, ...) { halt_with("std::out_of_range", format); }
[[noreturn]] void __throw_out_of_range(const char* what) { halt_with("std::out_of_range", what); }
[[noreturn]] void __throw_length_error(const char* what) { halt_with("std::length_error", what); }
[[noreturn]] void __throw_logic_error(const char* what) { halt_with("std::logic_error", what); }
[[noreturn]] void __throw_invalid_argument(const char* what) { halt_with("std::invalid_argument", what); }
[[noreturn]] void __throw_bad_alloc() { halt_with_fault("std::bad_alloc: this board has no heap"); }
[[noreturn]] void __throw_bad_array_new_length() { halt_with_fault("std::bad_array_new_length"); }
[[noreturn]] void __throw_bad_function_call() { halt_with_fault("std::bad_function_call"); }
} // namespace std

extern "C" {

[[noreturn]] void __cxa_pure_virtual() { halt_with_fault("pure virtual function called"); }

// newlib's assert() ends here.
[[noreturn]] void __assert_func(const char* file, int line, const char* function, const char* expression) {
    ringside::stm32f405::TextBuffer<ringside::stm32f405::kMaxFaultText> text;
    text.add("assertion failed: ").add(expression ? expression : "?").add(" in ").add(function ? function : "?");
    text.add(" at ").add(file ? file : "?").add(":").dec(static_cast<std::uint32_t>(line));
    halt_with_fault(text.view());
}

[[noreturn]] void abort() { halt_with_fault("abort() called"); }

int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
void* __dso_handle = nullptr;
}
