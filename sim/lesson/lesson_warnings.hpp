// What `maillab check` warns about in a lesson that loads: things the
// program allows but a teacher most likely did not mean.
#pragma once

#include <vector>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/lesson_spec.hpp"

namespace maillab::sim::lesson {

// A `send` to an address in one of the world's domains that has no account
// there (the server refuses it with 550 at RCPT) in a step with no `reply`
// or failure `dsn-received` check to show the refusal. Located at the action.
std::vector<Diagnostic> lesson_warnings(const LessonSpec& spec, const std::string& file);

}  // namespace maillab::sim::lesson
