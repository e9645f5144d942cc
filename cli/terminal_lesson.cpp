#include "cli/terminal_lesson.hpp"

#include <istream>
#include <ostream>
#include <string>

#include "cli/quiz_prompt.hpp"
#include "sim/export/transcript.hpp"
#include "sim/lesson/quiz.hpp"

namespace maillab::cli {

namespace {

constexpr std::string_view kPredictHeading = "What will happen? ";

// By default each session's routine phases are one line, an explanation is
// given once and a long reply shows its first lines; --verbose shows it all.
sim::TranscriptOptions transcript_options(const TerminalLessonOptions& options) {
    if (options.verbose) return {.width = options.width};
    return {
        .width = options.width, .max_reply_lines = 8, .fold_routine = true, .explain_once = true};
}

class TerminalLesson {
public:
    TerminalLesson(sim::LessonRun& run, const TerminalLessonOptions& options, std::istream& in,
                   std::ostream& out)
        : run_(run),
          options_(options),
          interactive_(options.interactive),
          in_(in),
          out_(out),
          transcript_(out, transcript_options(options)) {}

    TerminalLessonResult play() {
        transcript_.measure_names(run_.trace());
        // The world as the lesson sets it up: hosts, services, the mail already there.
        transcript_.write(run_.trace(), 0, run_.trace().size());
        while (!run_.finished())
            play_step();
        return result_;
    }

private:
    // Waits for Enter; false, and no more waiting, at the end of the input.
    void wait(std::string_view prompt) {
        if (!interactive_) return;
        out_ << '\n' << prompt << std::flush;
        std::string ignored;
        if (!std::getline(in_, ignored)) {
            interactive_ = false;
            out_ << '\n';
        }
    }

    // The prediction comes before the step's title and narration, which
    // usually tell what happens.
    void predict(const sim::lesson::ShownQuestion& prediction) {
        out_ << '\n';
        if (!interactive_) {
            print_question(prediction, kPredictHeading, out_, options_.width);
            return;
        }
        const auto right = ask_question(prediction, kPredictHeading, in_, out_, options_.width);
        if (!right) {
            interactive_ = false;
            out_ << '\n';
            return;
        }
        ++result_.predictions;
        result_.predicted += *right ? 1U : 0U;
    }

    void reveal(const sim::lesson::ShownQuestion& prediction) {
        // Without a student to ask, the answer follows what it predicted.
        out_ << '\n';
        for (const auto& line :
             wrap_paragraph("Prediction: the answer was " + answer_text(prediction) + " " +
                                prediction.question->explanation,
                            options_.width))
            out_ << line << '\n';
    }

    void play_step() {
        const std::size_t index = run_.next_step();
        const bool asking = interactive_;
        const auto prediction =
            sim::lesson::shown_prediction(run_.spec().steps[index], options_.seed, index);
        if (prediction) predict(*prediction);
        const auto [first, narrated] = run_.begin_step();
        transcript_.write(run_.trace(), first, narrated);
        wait("[Enter: play this step] ");
        const auto outcome = run_.run_step();
        transcript_.write(run_.trace(), narrated, outcome.end_event);
        if (prediction && !asking) reveal(*prediction);
        for (const auto& c : outcome.checks)
            result_.failed += c.passed ? 0U : 1U;
        result_.unsupported += outcome.unsupported.size();
        for (const auto& refusal : outcome.unheeded_refusals) {
            out_ << '\n';
            for (const auto& line : wrap_paragraph("⚠ Warning: " + refusal, options_.width, "  "))
                out_ << line << '\n';
        }
        result_.warnings += outcome.unheeded_refusals.size();
        if (!run_.finished()) wait("[Enter: next step] ");
    }

    sim::LessonRun& run_;
    const TerminalLessonOptions& options_;
    bool interactive_;
    std::istream& in_;
    std::ostream& out_;
    sim::TranscriptWriter transcript_;
    TerminalLessonResult result_;
};

}  // namespace

TerminalLessonResult play_in_terminal(sim::LessonRun& run, const TerminalLessonOptions& options,
                                      std::istream& in, std::ostream& out) {
    return TerminalLesson{run, options, in, out}.play();
}

}  // namespace maillab::cli
