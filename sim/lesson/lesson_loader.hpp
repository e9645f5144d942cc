// Loads a lesson file (TOML, described for teachers in docs/lessons.md) into
// a LessonSpec, or reports every problem in it as file:line:col: message:
// TOML syntax, unknown keys (with the nearest known key), wrong types, missing
// keys, values out of range, references to things that do not exist, actions
// the world makes impossible, and the limits in limits.hpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

struct LoadResult {
    std::optional<LessonSpec> lesson;     // set exactly when diagnostics is empty
    std::vector<Diagnostic> diagnostics;  // sorted by line and column

    bool ok() const { return lesson.has_value(); }
};

// `source_name` is the file name used in diagnostics.
LoadResult parse_lesson(std::string_view text, const std::string& source_name);
LoadResult load_lesson(const std::filesystem::path& path);

}  // namespace maillab::sim::lesson
