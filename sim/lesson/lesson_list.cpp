#include "sim/lesson/lesson_list.hpp"

#include <algorithm>
#include <system_error>

namespace maillab::sim::lesson {

LessonList list_lessons(const std::filesystem::path& dir) {
    LessonList list;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator{dir, ec})
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (ec) {
        list.problems.push_back(Diagnostic{dir.string(), 1, 1, "cannot read the directory"});
        return list;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        LoadResult r = load_lesson(file);
        if (!r.ok()) {
            list.problems.insert(list.problems.end(), r.diagnostics.begin(), r.diagnostics.end());
            continue;
        }
        list.lessons.push_back(
            LessonEntry{r.lesson->id, r.lesson->title, r.lesson->minutes, r.lesson->level, file});
    }
    std::sort(list.lessons.begin(), list.lessons.end(),
              [](const LessonEntry& a, const LessonEntry& b) { return a.id < b.id; });
    return list;
}

std::filesystem::path lessons_dir(const std::string& env, const std::filesystem::path& exe_dir,
                                  const std::filesystem::path& built_in) {
    if (!env.empty()) return env;
    std::error_code ec;
    if (!exe_dir.empty()) {
        const auto installed = exe_dir.parent_path() / "lessons";
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    return built_in;
}

std::filesystem::path lesson_path(const std::string& id_or_path, const std::filesystem::path& dir) {
    const bool is_path = id_or_path.find('/') != std::string::npos ||
                         std::filesystem::path{id_or_path}.extension() == ".toml";
    if (is_path) return id_or_path;
    return dir / (id_or_path + ".toml");
}

}  // namespace maillab::sim::lesson
