// Wrapping prose to a width in pixels, breaking only at spaces. ImGui's own
// wrapping also breaks after '.', ',', ';' and '"', which splits IP addresses
// ("198.51." / "100.10") and starts lines with the ';' after a quotation.
// Pure text (no ImGui): the caller gives the measure, so it is tested headless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "viz/model/topology_layout.hpp"

namespace maillab::viz {

// The lines of `text` no wider than `width`, broken at spaces; a newline in
// the text always ends a line. A word wider than the width on its own is cut
// between characters (never inside a UTF-8 sequence).
std::vector<std::string> wrap_words(std::string_view text, float width, const TextWidth& measure);

}  // namespace maillab::viz
