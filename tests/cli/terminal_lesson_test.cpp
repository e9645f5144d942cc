// A lesson played in the terminal, driven by streams: the transcript's length
// by default and with --verbose, its width, the pause after the narration and
// the predictions asked before a step.
#include "cli/terminal_lesson.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/export/text_layout.hpp"
#include "sim/lesson/lesson_loader.hpp"
#include "sim/lesson/quiz.hpp"

using namespace maillab;

namespace {

std::filesystem::path lessons_dir() {
    const char* source = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(source != nullptr);
    return std::filesystem::path{source} / "lessons";
}

sim::lesson::LessonSpec lesson(const std::string& id) {
    auto r = sim::lesson::load_lesson(lessons_dir() / (id + ".toml"));
    REQUIRE(r.ok());
    return std::move(*r.lesson);
}

struct Played {
    std::string text;
    cli::TerminalLessonResult result;
};

Played play(const std::string& id, cli::TerminalLessonOptions options,
            const std::string& typed = "") {
    const auto spec = lesson(id);
    options.seed = spec.seed.value_or(1);
    sim::LessonRun run{spec, options.seed};
    std::istringstream in{typed};
    std::ostringstream out;
    const auto result = cli::play_in_terminal(run, options, in, out);
    return {out.str(), result};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::vector<std::string> shipped_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator{lessons_dir()})
        if (entry.path().extension() == ".toml") ids.push_back(entry.path().stem().string());
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("the default lesson's transcript is a read of a few hundred lines") {
    const auto brief = lines_of(play("pop3-vs-imap", {}).text);
    const auto verbose = lines_of(play("pop3-vs-imap", {.verbose = true}).text);
    INFO(brief.size() << " lines by default, " << verbose.size() << " with --verbose");
    CHECK(brief.size() <= 500);
    CHECK(brief.size() * 3 <= verbose.size());
}

TEST_CASE("the verbose transcript shows every command and reply the folded one leaves out") {
    // The first line of every command and reply, as the chart shows it, cut
    // to fit the text column. (One run at a time: the runs share a TLS random.)
    std::vector<std::string> said;
    {
        const auto spec = lesson("pop3-vs-imap");
        sim::LessonRun run{spec, spec.seed.value_or(1)};
        while (!run.finished())
            run.run_step();
        const sim::Trace& trace = run.trace();
        for (std::size_t i = 0; i < trace.size(); ++i) {
            const sim::Event& e = trace[i];
            if (e.kind != sim::EventKind::Command && e.kind != sim::EventKind::Reply) continue;
            const std::string_view payload = trace.payload(e);
            said.push_back(
                sim::printable(std::string{payload.substr(0, payload.find_first_of("\r\n"))})
                    .substr(0, 20));
        }
    }
    const std::string verbose = play("pop3-vs-imap", {.verbose = true}).text;
    const std::string brief = play("pop3-vs-imap", {}).text;
    std::size_t missing_from_brief = 0;
    for (const auto& first : said) {
        INFO(first);
        CHECK(verbose.find(first) != std::string::npos);
        missing_from_brief += brief.find(first) == std::string::npos ? 1U : 0U;
    }
    CHECK(missing_from_brief > 0);  // CAPA, STLS, USER... are folded by default
    CHECK(brief.find("lines folded)") != std::string::npos);
    CHECK(verbose.find("lines folded)") == std::string::npos);
}

TEST_CASE("every line of every shipped lesson fits 80 columns, folded or verbose") {
    for (const auto& id : shipped_ids()) {
        for (const bool verbose : {false, true}) {
            for (const auto& line : lines_of(play(id, {.verbose = verbose}).text)) {
                INFO(id << (verbose ? " --verbose" : "") << ": " << line);
                REQUIRE(sim::display_width(line) <= 80);
            }
        }
    }
}

TEST_CASE("interactive: the run waits for Enter after each narration, before the actions") {
    // "A" is Enter at a pause and a valid answer to a prediction.
    std::string typed;
    for (int i = 0; i < 40; ++i)
        typed += "A\n";
    const std::string text = play("pop3-vs-imap", {.interactive = true}, typed).text;
    const std::size_t narration = text.find("the laptop's disk and nowhere else.");
    const std::size_t pause = text.find("[Enter: play this step]");
    const std::size_t action = text.find("laptop: checks mail for alice");
    REQUIRE(narration != std::string::npos);
    REQUIRE(pause != std::string::npos);
    CHECK(narration < pause);
    CHECK(pause < action);
    // One pause per step before its actions, one between steps.
    std::size_t pauses = 0;
    for (std::size_t at = text.find("[Enter: play this step]"); at != std::string::npos;
         at = text.find("[Enter: play this step]", at + 1))
        ++pauses;
    CHECK(pauses == lesson("pop3-vs-imap").steps.size());
}

TEST_CASE("headless: no pause, and the run does not read its input") {
    const auto played = play("smtp-relay", {}, "A\nB\n");
    CHECK(played.text.find("[Enter") == std::string::npos);
    CHECK(played.result.failed == 0);
}

TEST_CASE("interactive: the end of the input ends the pauses, not the lesson") {
    const auto played = play("pop3-vs-imap", {.interactive = true}, "");
    CHECK(played.text.find("── Step 7") != std::string::npos);
    CHECK(played.result.failed == 0);
}

TEST_CASE("a prediction is asked before the step's title, narration and actions") {
    const auto spec = lesson("pop3-vs-imap");
    const std::uint64_t seed = spec.seed.value_or(1);
    const auto shown = sim::lesson::shown_prediction(spec.steps[1], seed, 1);
    REQUIRE(shown.has_value());
    // Every line typed is the right letter of step 2's prediction; a pause takes any line.
    std::string typed;
    for (int i = 0; i < 40; ++i)
        typed += std::string{sim::lesson::choice_letter(shown->answer)} + "\n";
    const auto played = play("pop3-vs-imap", {.interactive = true}, typed);
    const std::size_t question = played.text.find("What will happen? The laptop has just");
    REQUIRE(question != std::string::npos);
    CHECK(question < played.text.find("── Step 2"));
    CHECK(played.text.find("── Step 1") < question);
    CHECK(played.text.find("✓ Right.", question) < played.text.find("── Step 2"));
    CHECK(played.result.predictions == 2);
    CHECK(played.result.predicted >= 1);
}

TEST_CASE("headless: a prediction is printed before the step and answered after it") {
    const auto played = play("pop3-vs-imap", {});
    const std::size_t question = played.text.find("What will happen? The laptop has just");
    const std::size_t step = played.text.find("── Step 2");
    const std::size_t checked = played.text.find("✓ STAT reports an empty maildrop");
    const std::size_t answer = played.text.find("Prediction: the answer was");
    REQUIRE(question != std::string::npos);
    CHECK(question < step);
    CHECK(step < checked);
    CHECK(checked < answer);
    CHECK(answer < played.text.find("── Step 3"));
    CHECK(played.text.find("Nothing: the maildrop is empty", answer) != std::string::npos);
    CHECK(played.result.predictions == 0);  // nobody answered
}
