// Every lesson in lessons/ runs headless. A lesson whose actions this maillab
// can all play must pass every checkpoint; in a lesson that still needs an
// engine maillab lacks (IMAP), only the steps with such actions may fail.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "sim/trace/jsonl_export.hpp"

using namespace maillab::sim;

namespace {

std::filesystem::path lessons_dir() {
    const char* src = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(src != nullptr);
    return std::filesystem::path{src} / "lessons";
}

lesson::LessonSpec load(const std::string& id) {
    auto result = lesson::load_lesson(lessons_dir() / (id + ".toml"));
    REQUIRE(result.ok());
    return *result.lesson;
}

}  // namespace

TEST_CASE("every lesson runs, and only steps with unplayable actions fail checkpoints") {
    const auto list = lesson::list_lessons(lessons_dir());
    REQUIRE(list.lessons.size() >= 8);
    for (const auto& entry : list.lessons) {
        INFO(entry.id);
        LessonRun run{load(entry.id), 1};
        std::size_t steps = 0;
        while (!run.finished()) {
            const auto outcome = run.run_step();
            ++steps;
            REQUIRE(outcome.end_event > outcome.first_event);
            for (const auto& check : outcome.checks) {
                INFO("step " << steps << ": " << check.claim << " — " << check.detail);
                if (outcome.unsupported.empty()) REQUIRE(check.passed);
            }
        }
        REQUIRE(steps == run.steps());
    }
}

TEST_CASE("lessons that need no missing engine pass every checkpoint") {
    for (const std::string id :
         {"smtp-basics", "smtp-relay", "store-and-forward", "pop3-leave-on-server"}) {
        INFO(id);
        LessonRun run{load(id), 1};
        while (!run.finished()) {
            const auto outcome = run.run_step();
            REQUIRE(outcome.unsupported.empty());
            for (const auto& check : outcome.checks) {
                INFO(check.claim << " — " << check.detail);
                REQUIRE(check.passed);
            }
        }
    }
}

TEST_CASE("the same lesson and seed give a byte-identical trace") {
    auto run_once = [](std::uint64_t seed) {
        LessonRun run{load("store-and-forward"), seed};
        while (!run.finished())
            run.run_step();
        std::ostringstream out;
        write_jsonl(run.trace(), out);
        return out.str();
    };
    const std::string first = run_once(1);
    REQUIRE(run_once(1) == first);
    REQUIRE(run_once(2) != first);
}
