// Finds and loads the lesson a command names: an id from the lessons
// directory, or a path to a .toml file.
#pragma once

#include <optional>
#include <string>

#include "sim/lesson/lesson_spec.hpp"

namespace maillab::cli {

inline constexpr std::string_view kDefaultLesson = "pop3-vs-imap";

// Prints the loader's diagnostics (file:line:col) and returns nothing on failure.
std::optional<sim::lesson::LessonSpec> load_named_lesson(const std::string& id_or_path);

}  // namespace maillab::cli
