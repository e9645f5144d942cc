#include "viz/model/lesson_outline.hpp"

namespace maillab::viz {

std::set<std::int64_t> predicted_steps(const std::vector<StepPrediction>& predictions) {
    std::set<std::int64_t> steps;
    for (const StepPrediction& p : predictions)
        steps.insert(p.step);
    return steps;
}

std::vector<std::string> lesson_outline(const sim::Trace& trace,
                                        const std::set<std::int64_t>& predicted_steps) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const sim::Event& e = trace[i];
        if (e.kind != sim::EventKind::LessonStep) continue;
        const std::string title = predicted_steps.contains(e.value)
                                      ? "What will happen? A question first."
                                      : std::string{trace.payload(e)};
        lines.push_back(std::to_string(e.value) + ". " + title);
    }
    return lines;
}

}  // namespace maillab::viz
