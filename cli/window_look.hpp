// The window's size and presenter scale as `gui` and `serve --gui` take them
// on the command line (--size WIDTHxHEIGHT, --scale PERCENT).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace maillab::cli {

struct WindowLook {
    int width = 1600;
    int height = 900;
    std::optional<int>
        scale_percent;  // none: the remembered scale (or the default for screenshots)
};

// Parses both; on bad input says which and how on stderr, prefixed by `command`
// ("maillab gui"), and gives nothing.
std::optional<WindowLook> parse_window_look(std::string_view command, const std::string& size,
                                            const std::string& scale);

}  // namespace maillab::cli
