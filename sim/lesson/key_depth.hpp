// A lexical scan that runs before toml++: toml++ 3.3 builds the tables of a
// dotted key (a.b.c...) recursively, so a key with a hundred thousand parts
// overflows the stack. This finds such a key first. Internal to the loader.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

// Where the first dotted key or table header with more than `max_dots` dots
// reaches its (max_dots+1)th dot, outside strings and comments; nothing if
// there is none. Floats and times have at most one dot and never trip it.
std::optional<SourcePos> find_deep_key(std::string_view text, std::size_t max_dots);

}  // namespace maillab::sim::lesson
