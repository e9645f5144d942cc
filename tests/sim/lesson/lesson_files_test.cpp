// Every lesson shipped in lessons/ loads cleanly and meets the bar.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson/lesson_loader.hpp"

using namespace maillab::sim::lesson;

namespace {

std::filesystem::path lessons_source_dir() {
    const char* source = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(source != nullptr);
    return std::filesystem::path{source} / "lessons";
}

}  // namespace

TEST_CASE("every lesson in lessons/ loads without diagnostics") {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator{lessons_source_dir()}) {
        if (entry.path().extension() != ".toml") continue;
        ++count;
        INFO(entry.path().string());
        LoadResult r = load_lesson(entry.path());
        for (const auto& d : r.diagnostics)
            UNSCOPED_INFO(format_diagnostic(d));
        REQUIRE(r.ok());
        CHECK(r.lesson->id == entry.path().stem().string());
        CHECK(r.lesson->check_count() >= 3);
        CHECK(r.lesson->quiz.size() >= 3);
        CHECK_FALSE(r.lesson->steps.empty());
        for (const auto& step : r.lesson->steps)
            CHECK_FALSE(step.narration.empty());
    }
    CHECK(count == 9);
}

TEST_CASE("the lesson list has the nine shipped lessons, by id") {
    LessonList list = list_lessons(lessons_source_dir());
    CHECK(list.problems.empty());
    std::set<std::string> ids;
    for (const auto& l : list.lessons)
        ids.insert(l.id);
    CHECK(ids == std::set<std::string>{"smtp-basics", "smtp-relay", "store-and-forward",
                                       "pop3-vs-imap", "pop3-leave-on-server",
                                       "imap-folders-search", "imap-offline", "imap-partial-fetch",
                                       "ports-and-tls"});
    REQUIRE(list.lessons.size() == 9);
    CHECK(list.lessons.front().id == "imap-folders-search");  // sorted by id
    CHECK(list.lessons.front().minutes > 0);
}

TEST_CASE("the lessons directory follows the documented rule") {
    const std::filesystem::path built_in = "/src/lessons";
    CHECK(lessons_dir("/teacher/lessons", "/opt/maillab/bin", built_in) == "/teacher/lessons");
    CHECK(lessons_dir("", "/nonexistent/bin", built_in) == built_in);
    const auto exe_dir = lessons_source_dir().parent_path() / "build-bin-that-does-not-exist";
    CHECK(lessons_dir("", exe_dir, built_in) == lessons_source_dir());
    CHECK(lesson_path("pop3-vs-imap", "/l") == "/l/pop3-vs-imap.toml");
    CHECK(lesson_path("mine.toml", "/l") == "mine.toml");
    CHECK(lesson_path("./x/y", "/l") == "./x/y");
}

TEST_CASE("every TOML example in docs/lessons.md is valid") {
    const char* source = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(source != nullptr);
    std::ifstream in{std::filesystem::path{source} / "docs" / "lessons.md"};
    REQUIRE(in);
    std::string line;
    std::string example;
    bool inside = false;
    std::vector<std::string> examples;
    while (std::getline(in, line)) {
        if (!inside && line == "```toml") {
            inside = true;
            example.clear();
        } else if (inside && line == "```") {
            inside = false;
            examples.push_back(example);
        } else if (inside) {
            example += line + "\n";
        }
    }
    REQUIRE(examples.size() == 3);
    // The first is a whole lesson.
    LoadResult whole = parse_lesson(examples[0], "docs/lessons.md");
    for (const auto& d : whole.diagnostics)
        UNSCOPED_INFO(format_diagnostic(d));
    CHECK(whole.ok());
    // The others are parts of a step: they are valid TOML with the keys the docs name.
    for (std::size_t i = 1; i < examples.size(); ++i) {
        LoadResult part = parse_lesson(examples[i], "docs/lessons.md");
        for (const auto& d : part.diagnostics)
            CHECK(d.message.find("Error while parsing") == std::string::npos);
    }
}
