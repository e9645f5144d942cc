// Fuzz target lesson_loader: arbitrary bytes as a lesson file. The loader must
// never crash, hang or throw; it returns either a lesson or diagnostics, never
// both, and every diagnostic has a position and a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/lesson/lesson_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text{reinterpret_cast<const char*>(data), size};
    const auto result = maillab::sim::lesson::parse_lesson(text, "fuzz.toml");
    if (result.ok() == !result.diagnostics.empty()) std::abort();
    for (const auto& d : result.diagnostics) {
        if (d.line < 1 || d.column < 1 || d.message.empty()) std::abort();
    }
    return 0;
}
