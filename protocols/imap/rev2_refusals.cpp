#include "protocols/imap/rev2_refusals.hpp"

#include <algorithm>
#include <vector>

#include "protocols/imap/search_save.hpp"

namespace maillab::protocols::imap {

namespace {

bool names_recent(const std::vector<std::string>& status_items) {
    return std::find(status_items.begin(), status_items.end(), "RECENT") != status_items.end();
}

// Whether a key or any key below it is one that asks for \Recent.
bool asks_for_recent(const SearchKey& key) {
    if (key.kind == SearchKeyKind::Recent || key.kind == SearchKeyKind::New ||
        key.kind == SearchKeyKind::Old) {
        return true;
    }
    return std::any_of(key.children.begin(), key.children.end(), asks_for_recent);
}

constexpr const char* kNoRecentKeys =
    "IMAP4rev2 has no \\Recent flag: no RECENT, NEW or OLD search keys";

}  // namespace

std::optional<std::string> rev2_refusal(const Command& command) {
    if (const auto* list = std::get_if<ListCmd>(&command)) {
        if (list->lsub) return "IMAP4rev2 has no LSUB: use LIST (SUBSCRIBED)";
        if (names_recent(list->status_items)) return "IMAP4rev2 has no STATUS RECENT";
    } else if (const auto* status = std::get_if<StatusCmd>(&command)) {
        if (names_recent(status->items)) return "IMAP4rev2 has no STATUS RECENT";
    } else if (const auto* search = std::get_if<SearchCmd>(&command)) {
        if (asks_for_recent(search->criteria)) return kNoRecentKeys;
    } else if (const auto* sort = std::get_if<SortCmd>(&command)) {
        if (asks_for_recent(sort->criteria)) return kNoRecentKeys;
    } else if (const auto* thread = std::get_if<ThreadCmd>(&command)) {
        if (asks_for_recent(thread->criteria)) return kNoRecentKeys;
    }
    return std::nullopt;
}

bool saves_result(const Command& command) {
    const auto saves = [](const std::optional<std::vector<std::string>>& returns) {
        return returns && has_return_option(*returns, "SAVE");
    };
    if (const auto* search = std::get_if<SearchCmd>(&command)) return saves(search->returns);
    if (const auto* sort = std::get_if<SortCmd>(&command)) return saves(sort->returns);
    return false;
}

}  // namespace maillab::protocols::imap
