// Every name the firmware can report (device state, auth state, ring pattern, setup progress)
// is documented in docs/states.md, in its own section: scenarios and reports use these names,
// so an undocumented one is a name nobody can look up.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "firmware/core/states.hpp"
#include "firmware/hal/setup_channel.hpp"

using namespace ringside;

namespace {

std::string states_md() {
    std::ifstream in(std::string(RINGSIDE_SOURCE_DIR) + "/docs/states.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The text of the "## " section whose heading contains `marker`; empty if none.
std::string section(const std::string& doc, const std::string& marker) {
    std::size_t at = 0;
    while ((at = doc.find("\n## ", at)) != std::string::npos) {
        const std::size_t heading_end = doc.find('\n', at + 1);
        const std::size_t next = doc.find("\n## ", at + 1);
        if (doc.substr(at, heading_end - at).find(marker) != std::string::npos)
            return doc.substr(at, next == std::string::npos ? std::string::npos : next - at);
        at = next == std::string::npos ? doc.size() : next;
    }
    return {};
}

// A table row naming `name` in its first column.
bool documents(const std::string& text, std::string_view name) {
    return text.find("\n| `" + std::string(name) + "` |") != std::string::npos;
}

// Calls to_string on each enumerator from 0 until the names run out ("unknown").
template <typename Enum, typename ToString>
void check_all(const std::string& doc, const std::string& marker, ToString to_string) {
    const std::string text = section(doc, marker);
    INFO("docs/states.md section with " << marker);
    REQUIRE_FALSE(text.empty());
    int checked = 0;
    for (int i = 0; i < 256; ++i) {
        const std::string_view name = to_string(static_cast<Enum>(i));
        if (name == "unknown") break;
        INFO("name: " << name);
        CHECK(documents(text, name));
        ++checked;
    }
    CHECK(checked > 0);
}

} // namespace

TEST_CASE("every state, ring pattern and setup report has a row in docs/states.md", "[states][docs]") {
    const std::string doc = states_md();
    REQUIRE_FALSE(doc.empty());
    check_all<fw::DeviceState>(doc, "(`device:`)", [](fw::DeviceState s) { return fw::to_string(s); });
    check_all<fw::AuthState>(doc, "(`auth:`)", [](fw::AuthState s) { return fw::to_string(s); });
    check_all<fw::RingPattern>(doc, "(`ring:`)", [](fw::RingPattern p) { return fw::to_string(p); });
    check_all<hal::SetupProgress>(doc, "told to the app", [](hal::SetupProgress p) { return hal::to_string(p); });
}

TEST_CASE("the docs check notices a missing row", "[states][docs]") {
    const std::string doc = "# x\n\n## Ring patterns (`ring:`)\n\n| name |\n|---|\n| `off` | dark |\n";
    CHECK(documents(section(doc, "(`ring:`)"), "off"));
    CHECK_FALSE(documents(section(doc, "(`ring:`)"), "setup"));
    CHECK(section(doc, "(`auth:`)").empty());
}
