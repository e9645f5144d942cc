#include "cli/window_look.hpp"

#include <iostream>
#include <regex>

#include "viz/model/presenter_scale.hpp"

namespace maillab::cli {

std::optional<WindowLook> parse_window_look(std::string_view command, const std::string& size,
                                            const std::string& scale) {
    static const std::regex kSize{R"((\d{3,5})x(\d{3,5}))"};
    WindowLook look;
    std::smatch m;
    if (!std::regex_match(size, m, kSize)) {
        std::cerr << command << ": --size wants WIDTHxHEIGHT, e.g. 1920x1080\n";
        return std::nullopt;
    }
    look.width = std::stoi(m[1]);
    look.height = std::stoi(m[2]);
    if (!scale.empty()) {
        look.scale_percent = viz::PresenterScale::parse_percent(scale);
        if (!look.scale_percent) {
            std::cerr << command << ": --scale wants a percentage from "
                      << viz::PresenterScale::kMinPercent << " to "
                      << viz::PresenterScale::kMaxPercent << ", e.g. 150\n";
            return std::nullopt;
        }
    }
    return look;
}

}  // namespace maillab::cli
