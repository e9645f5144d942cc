#include "cli/run_command.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/keylog_file.hpp"
#include "cli/lesson_source.hpp"
#include "cli/quiz_prompt.hpp"
#include "cli/terminal_lesson.hpp"
#include "sim/export/pcap_export.hpp"
#include "sim/export/text_layout.hpp"
#include "sim/export/transcript.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "sim/trace/jsonl_export.hpp"

namespace maillab::cli {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::uint64_t kDefaultSeed = 1;

struct RunArgs {
    std::string lesson{kDefaultLesson};
    std::uint64_t seed = 0;  // 0: the lesson's own seed, else 1
    bool headless = false;
    bool no_quiz = false;
    bool verbose = false;
    std::string jsonl, transcript, pcap, keylog;
};

std::uint64_t seed_for(const RunArgs& args, const sim::lesson::LessonSpec& spec) {
    if (args.seed != 0) return args.seed;
    return spec.seed.value_or(kDefaultSeed);
}

void rule(std::ostream& out, std::string_view title) {
    std::string line = "══ " + std::string{title} + " ";
    while (sim::display_width(line) < kWidth)
        line += "═";
    out << sim::fit(line, kWidth) << '\n';
}

int run_lesson(const RunArgs& args) {
    auto spec = load_named_lesson(args.lesson);
    if (!spec) return 1;
    const bool interactive = !args.headless && isatty(STDIN_FILENO) != 0;
    sim::LessonRun run{*spec, seed_for(args, *spec)};
    std::cout << spec->title << "\n";
    for (const auto& line : sim::wrap(spec->summary, kWidth))
        std::cout << line << '\n';
    const auto result = play_in_terminal(run,
                                         {.interactive = interactive,
                                          .verbose = args.verbose,
                                          .seed = seed_for(args, *spec),
                                          .width = kWidth},
                                         std::cin, std::cout);
    std::cout << '\n';
    rule(std::cout, "Result");
    std::cout << (result.failed == 0 ? "Every checkpoint holds."
                                     : std::to_string(result.failed) + " checkpoint(s) failed.")
              << '\n';
    if (result.predictions > 0)
        std::cout << "Predictions: " << result.predicted << " of " << result.predictions
                  << " right.\n";
    if (result.warnings > 0)
        std::cout << result.warnings
                  << " refusal(s) that no check looks at: see the warnings above.\n";
    if (result.unsupported > 0) {
        std::cout << result.unsupported
                  << " action(s) could not be played yet (IMAP and typing commands by hand\n"
                     "are not part of the simulated world yet); their checkpoints fail.\n";
    }
    if (interactive && !args.no_quiz && !spec->quiz.empty()) {
        rule(std::cout, "Quiz");
        ask_quiz(spec->quiz, seed_for(args, *spec), std::cin, std::cout, kWidth);
    }
    return result.failed == 0 ? 0 : 1;
}

int export_lesson(const RunArgs& args) {
    if (args.jsonl.empty() && args.transcript.empty() && args.pcap.empty()) {
        std::cerr << "maillab export: name at least one of --jsonl, --transcript, --pcap\n";
        return kUsageError;
    }
    auto spec = load_named_lesson(args.lesson);
    if (!spec) return 1;
    sim::LessonRun run{*spec, seed_for(args, *spec)};
    if (!args.keylog.empty()) {
        // Every simulated TLS session ends at one of the world's servers.
        std::vector<protocols::tls::TlsContext> contexts;
        for (const auto& server : run.world().servers())
            contexts.push_back(server->tls());
        try {
            append_keylog_to(args.keylog, contexts);
        } catch (const std::exception& e) {
            std::cerr << "maillab export: " << e.what() << '\n';
            return 1;
        }
    }
    while (!run.finished())
        run.run_step();
    if (!args.jsonl.empty()) {
        std::ofstream out{args.jsonl};
        sim::write_jsonl(run.trace(), out);
        if (!out) return std::cerr << "maillab export: cannot write " << args.jsonl << '\n', 1;
    }
    if (!args.transcript.empty()) {
        std::ofstream out{args.transcript};
        sim::write_transcript(run.trace(), out);
        if (!out) return std::cerr << "maillab export: cannot write " << args.transcript << '\n', 1;
    }
    if (!args.pcap.empty()) {
        if (const auto error = sim::write_pcap(run.trace(), args.pcap); !error.empty()) {
            std::cerr << "maillab export: " << error << '\n';
            return 1;
        }
    }
    return 0;
}

}  // namespace

int run_default_in_terminal() {
    std::cout
        << "No display: showing the default lesson (" << kDefaultLesson
        << ") as a terminal transcript.\n"
           "On a desktop, 'maillab' opens it in a window; 'maillab gui' does so explicitly.\n\n";
    RunArgs args;
    args.headless = true;
    return run_lesson(args);
}

void register_run_commands(CLI::App& app, Commands& commands) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* run = app.add_subcommand("run", "Play a lesson in the terminal, step by step");
    run->add_option("LESSON", args->lesson, "Lesson id or .toml file")->capture_default_str();
    run->add_option("--seed", args->seed, "Random seed (default: the lesson's own)");
    run->add_flag("--headless", args->headless, "Run through without pausing");
    run->add_flag("--no-quiz", args->no_quiz, "Skip the quiz");
    run->add_flag("--verbose", args->verbose,
                  "Show every line, also each session's connect, TLS, login and close");
    run->callback([&commands, args] { commands.chosen = [args] { return run_lesson(*args); }; });

    CLI::App* exp = app.add_subcommand("export", "Run a lesson and write its trace");
    exp->add_option("LESSON", args->lesson, "Lesson id or .toml file")->capture_default_str();
    exp->add_option("--seed", args->seed, "Random seed (default: the lesson's own)");
    exp->add_option("--jsonl", args->jsonl, "Write the trace as JSON lines");
    exp->add_option("--transcript", args->transcript, "Write the 80-column transcript");
    exp->add_option("--pcap", args->pcap, "Write a pcap for Wireshark/tshark");
    exp->add_option("--keylog", args->keylog,
                    "Append the TLS session keys (SSLKEYLOGFILE format) to decrypt the pcap");
    exp->callback([&commands, args] { commands.chosen = [args] { return export_lesson(*args); }; });
}

}  // namespace maillab::cli
