#include "cli/gui_seek.hpp"

#include <regex>
#include <string>

#include "sim/export/duration_text.hpp"

namespace maillab::cli {

namespace {

constexpr double kMicrosPerSecond = 1e6;

std::size_t lesson_steps(const sim::Trace& trace) {
    std::size_t steps = 0;
    for (std::size_t i = 0; i < trace.size(); ++i)
        steps += trace[i].kind == sim::EventKind::LessonStep;
    return steps;
}

GuiSeek at_time(const sim::Trace& trace, std::string_view seek, double seconds) {
    const sim::SimTime end = trace.size() == 0 ? 0 : trace[trace.size() - 1].t;
    const auto t = static_cast<sim::SimTime>(seconds * kMicrosPerSecond);
    if (t > end) {
        return {0, "--seek " + std::string{seek} +
                       " is after the end: the lesson's last event is at " +
                       sim::duration_text(end) + "."};
    }
    std::size_t n = 0;
    while (n < trace.size() && trace[n].t <= t)
        ++n;
    return {n, {}};
}

GuiSeek after_step(const sim::Trace& trace, std::string_view seek, unsigned long step) {
    const std::size_t steps = lesson_steps(trace);
    if (step > steps) {
        return {0, "--seek " + std::string{seek} + " is past the last step: the lesson has " +
                       std::to_string(steps) + (steps == 1 ? " step" : " steps") +
                       ", so --seek takes 0 (before the first) to " + std::to_string(steps) + "."};
    }
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].kind == sim::EventKind::LessonStep &&
            trace[i].value == static_cast<std::int64_t>(step) + 1) {
            return {i, {}};
        }
    }
    return {trace.size(), {}};
}

}  // namespace

GuiSeek resolve_gui_seek(const sim::Trace& trace, std::string_view seek) {
    static const std::regex kTime{R"((\d+(?:\.\d+)?)s)"};
    static const std::regex kStep{R"(\d{1,9})"};
    const std::string text{seek};
    std::smatch m;
    if (std::regex_match(text, m, kTime)) return at_time(trace, seek, std::stod(m[1]));
    if (std::regex_match(text, kStep)) return after_step(trace, seek, std::stoul(text));
    return {0, "--seek wants a lesson step (3) or a time (12.5s), not '" + text + "'."};
}

}  // namespace maillab::cli
