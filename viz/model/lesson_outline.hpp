// The outline the lesson panel shows before the first step: one line per
// step, "3. With delete-after-download, mail is split between the devices",
// read from the trace's LessonStep events. A step that opens with a "what
// will happen?" question keeps its title back, since a title often gives the
// answer away.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/prediction_gate.hpp"

namespace maillab::viz {

// The steps the predictions come before.
std::set<std::int64_t> predicted_steps(const std::vector<StepPrediction>& predictions);

std::vector<std::string> lesson_outline(const sim::Trace& trace,
                                        const std::set<std::int64_t>& predicted_steps);

}  // namespace maillab::viz
