// A lesson played in the terminal, step by step: the step's "what will
// happen?" question if it has one (asked when interactive, else printed, its
// answer following the step), the narration, a pause when interactive so the
// narration is read before the actions scroll it away, then the transcript
// of what happened and the checkpoints.
// Reads and writes streams, so tests drive it without a terminal.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "sim/lesson_run/lesson_run.hpp"

namespace maillab::cli {

struct TerminalLessonOptions {
    bool interactive = false;  // pause for Enter and ask predictions
    bool verbose = false;      // every line, no folded phases
    std::uint64_t seed = 1;    // orders the prediction choices
    std::size_t width = 80;
};

struct TerminalLessonResult {
    std::size_t failed = 0;       // checkpoints
    std::size_t unsupported = 0;  // actions this maillab cannot play
    std::size_t warnings = 0;     // refusals no check looked at
    std::size_t predicted = 0;    // predictions answered right
    std::size_t predictions = 0;  // predictions answered
};

// Plays every remaining step of `run`, the world's setup first. At the end
// of the input an interactive run goes on without pausing.
TerminalLessonResult play_in_terminal(sim::LessonRun& run, const TerminalLessonOptions& options,
                                      std::istream& in, std::ostream& out);

}  // namespace maillab::cli
