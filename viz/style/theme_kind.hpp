// Which of the two themes the window draws with; chosen on the command line,
// read by the theme.
#pragma once

namespace maillab::viz {

enum class ThemeKind { Dark, Light };

}  // namespace maillab::viz
