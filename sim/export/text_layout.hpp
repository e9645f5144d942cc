// Small text helpers for terminal output that must fit a fixed width:
// counting UTF-8 code points as columns, cutting with an ellipsis, wrapping.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::sim {

// Columns a UTF-8 string takes (one per code point; maillab prints no wide glyphs).
std::size_t display_width(std::string_view utf8);
// At most `columns` columns; cut text ends with "…".
std::string fit(std::string_view utf8, std::size_t columns);
// Pads with spaces to exactly `columns` (cutting first if needed).
std::string pad(std::string_view utf8, std::size_t columns);
// Greedy word wrap to lines of at most `columns` columns.
std::vector<std::string> wrap(std::string_view utf8, std::size_t columns);
// The same, with a first line of its own width (a line that starts after a label).
std::vector<std::string> wrap_hanging(std::string_view utf8, std::size_t first_columns,
                                      std::size_t columns);
// Printable form of protocol bytes: CR/LF removed at the end, other control
// bytes and invalid UTF-8 shown as \xNN.
std::string printable(std::string_view bytes);
// The text up to its first CR or LF: a command or reply without what follows.
std::string_view first_line(std::string_view text);

}  // namespace maillab::sim
