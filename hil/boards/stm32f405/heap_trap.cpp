#include "hil/boards/stm32f405/heap_trap.hpp"

#include <cstddef>
#include <new>

#include "hil/boards/stm32f405/fault.hpp"
#include "hil/boards/stm32f405/text_buffer.hpp"

namespace ringside::stm32f405 {
namespace {

bool g_armed = false;
std::uint32_t g_after_init = 0;

// `caller` is the return address of the call into the allocator (the Thumb bit cleared):
// addr2line on it names the line that allocated.
[[noreturn]] void trap(const char* how, std::size_t bytes, const void* caller) {
    if (g_armed) ++g_after_init;
    TextBuffer<kMaxFaultText> text;
    text.add("heap allocation of ")
        .dec(static_cast<std::uint32_t>(bytes))
        .add(bytes == 1 ? " byte " : " bytes ")
        .add(g_armed ? "after init" : "during start-up")
        .add(" (")
        .add(how)
        .add(", called from ")
        .hex32(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(caller)) & ~1u)
        .add("): this board has no heap");
    halt_with_fault(text.view());
}

// Freeing is only wrong if something was allocated, which cannot have happened; a null
// pointer is the one thing code may legitimately free.
void trap_free(const char* how, const void* p, const void* caller) {
    if (p == nullptr) return;
    TextBuffer<kMaxFaultText> text;
    text.add(how).add(" of ").hex32(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p)));
    text.add(", called from ").hex32(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(caller)) & ~1u);
    text.add(": this board has no heap");
    halt_with_fault(text.view());
}

} // namespace

void heap_trap_arm() { g_armed = true; }
bool heap_trap_armed() { return g_armed; }
std::uint32_t heap_allocations_after_init() { return g_after_init; }

} // namespace ringside::stm32f405

using ringside::stm32f405::trap;
using ringside::stm32f405::trap_free;
#define RINGSIDE_CALLER __builtin_return_address(0)

// The C library's allocator, as the link wraps it (the board's CMakeLists.txt lists the
// names; newlib-nano's malloc and friends call the _r forms, which are wrapped too).
struct _reent;
extern "C" {
void* __wrap_malloc(std::size_t n) { trap("malloc", n, RINGSIDE_CALLER); }
void* __wrap_calloc(std::size_t count, std::size_t n) { trap("calloc", count * n, RINGSIDE_CALLER); }
void* __wrap_realloc(void* p, std::size_t n) {
    (void)p;
    trap("realloc", n, RINGSIDE_CALLER);
}
void __wrap_free(void* p) { trap_free("free", p, RINGSIDE_CALLER); }
void* __wrap__malloc_r(_reent*, std::size_t n) { trap("_malloc_r", n, RINGSIDE_CALLER); }
void* __wrap__calloc_r(_reent*, std::size_t count, std::size_t n) { trap("_calloc_r", count * n, RINGSIDE_CALLER); }
void* __wrap__realloc_r(_reent*, void* p, std::size_t n) {
    (void)p;
    trap("_realloc_r", n, RINGSIDE_CALLER);
}
void __wrap__free_r(_reent*, void* p) { trap_free("_free_r", p, RINGSIDE_CALLER); }
void* __wrap_memalign(std::size_t, std::size_t n) { trap("memalign", n, RINGSIDE_CALLER); }
void* __wrap__memalign_r(_reent*, std::size_t, std::size_t n) { trap("_memalign_r", n, RINGSIDE_CALLER); }
}

// Every replaceable allocation function (C++17 [new.delete]): none may fall through to
// libstdc++'s, which would call malloc from inside the library where the caller is lost.
void* operator new(std::size_t n) { trap("operator new", n, RINGSIDE_CALLER); }
void* operator new[](std::size_t n) { trap("operator new[]", n, RINGSIDE_CALLER); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { trap("operator new", n, RINGSIDE_CALLER); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { trap("operator new[]", n, RINGSIDE_CALLER); }
void* operator new(std::size_t n, std::align_val_t) { trap("operator new", n, RINGSIDE_CALLER); }
void* operator new[](std::size_t n, std::align_val_t) { trap("operator new[]", n, RINGSIDE_CALLER); }
void* operator new(std::size_t n, std::align_val_t, const std::nothrow_t&) noexcept {
    trap("operator new", n, RINGSIDE_CALLER);
}
void* operator new[](std::size_t n, std::align_val_t, const std::nothrow_t&) noexcept {
    trap("operator new[]", n, RINGSIDE_CALLER);
}

void operator delete(void* p) noexcept { trap_free("operator delete", p, RINGSIDE_CALLER); }
void operator delete[](void* p) noexcept { trap_free("operator delete[]", p, RINGSIDE_CALLER); }
void operator delete(void* p, std::size_t) noexcept { trap_free("operator delete", p, RINGSIDE_CALLER); }
void operator delete[](void* p, std::size_t) noexcept { trap_free("operator delete[]", p, RINGSIDE_CALLER); }
void operator delete(void* p, const std::nothrow_t&) noexcept { trap_free("operator delete", p, RINGSIDE_CALLER); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { trap_free("operator delete[]", p, RINGSIDE_CALLER); }
void operator delete(void* p, std::align_val_t) noexcept { trap_free("operator delete", p, RINGSIDE_CALLER); }
void operator delete[](void* p, std::align_val_t) noexcept { trap_free("operator delete[]", p, RINGSIDE_CALLER); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { trap_free("operator delete", p, RINGSIDE_CALLER); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    trap_free("operator delete[]", p, RINGSIDE_CALLER);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    trap_free("operator delete", p, RINGSIDE_CALLER);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    trap_free("operator delete[]", p, RINGSIDE_CALLER);
}
