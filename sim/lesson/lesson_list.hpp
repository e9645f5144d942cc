// The lessons a user can choose from: every *.toml in the lessons directory
// that loads, by id. Where that directory is: $MAILLAB_LESSONS_DIR if set,
// else <directory of the maillab executable>/../lessons if it exists, else
// the source tree's lessons/ (compiled in as MAILLAB_SOURCE_LESSONS_DIR).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson_loader.hpp"

namespace maillab::sim::lesson {

struct LessonEntry {
    std::string id;
    std::string title;
    int minutes = 0;
    Level level = Level::Beginner;
    std::filesystem::path path;
};

struct LessonList {
    std::vector<LessonEntry> lessons;  // sorted by id
    std::vector<Diagnostic> problems;  // files that did not load
};

LessonList list_lessons(const std::filesystem::path& dir);

// `exe_dir` is the directory holding the running executable (may be empty);
// `env` the value of MAILLAB_LESSONS_DIR (empty when unset); `built_in` the
// source tree's lessons directory. Returns the first rule that applies.
std::filesystem::path lessons_dir(const std::string& env, const std::filesystem::path& exe_dir,
                                  const std::filesystem::path& built_in);

// A lesson named by id (looked up in dir) or by path (contains '/' or ends in .toml).
std::filesystem::path lesson_path(const std::string& id_or_path, const std::filesystem::path& dir);

}  // namespace maillab::sim::lesson
