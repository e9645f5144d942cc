#include "sim/trace/event.hpp"

#include <array>

namespace maillab::sim {

namespace {
constexpr std::array kKindNames = {
#define MAILLAB_EVENT_NAME(name, text) std::string_view{text},
    MAILLAB_EVENT_KINDS(MAILLAB_EVENT_NAME)
#undef MAILLAB_EVENT_NAME
};
}  // namespace

std::string_view to_string(EventKind kind) {
    const auto index = static_cast<std::size_t>(kind);
    return index < kKindNames.size() ? kKindNames[index] : std::string_view{"unknown"};
}

std::optional<EventKind> event_kind_from_string(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == name) return static_cast<EventKind>(i);
    }
    return std::nullopt;
}

std::string_view to_string(Direction dir) {
    switch (dir) {
        case Direction::None:
            return "none";
        case Direction::ClientToServer:
            return "c2s";
        case Direction::ServerToClient:
            return "s2c";
    }
    return "none";
}

}  // namespace maillab::sim
