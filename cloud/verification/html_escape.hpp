#pragma once
// Text or attribute value for the verification page's HTML. The cloud's own (the reports
// escape with sim/text): the cloud shares no code with the world it serves.
// Who may call: the verification page (verification_html.cpp).
#include <string>
#include <string_view>

namespace ringside::cloud {

// & < > " ' escaped; control characters other than tab, CR and LF dropped (not allowed in
// HTML text even escaped).
std::string html_escape(std::string_view text);

} // namespace ringside::cloud
