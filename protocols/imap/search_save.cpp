#include "protocols/imap/search_save.hpp"

#include <algorithm>

namespace maillab::protocols::imap {

bool has_return_option(const std::vector<std::string>& returns, std::string_view option) {
    return std::find(returns.begin(), returns.end(), option) != returns.end();
}

bool save_only(const std::vector<std::string>& returns) {
    return !returns.empty() && std::all_of(returns.begin(), returns.end(),
                                           [](const std::string& o) { return o == "SAVE"; });
}

std::vector<std::uint32_t> saved_result(const std::vector<std::uint32_t>& found,
                                        const std::vector<std::string>& returns) {
    const bool min = has_return_option(returns, "MIN");
    const bool max = has_return_option(returns, "MAX");
    const bool all = has_return_option(returns, "ALL") || has_return_option(returns, "COUNT");
    if (all || (!min && !max) || found.empty()) return found;
    std::vector<std::uint32_t> kept;
    if (min) kept.push_back(found.front());
    if (max && (!min || found.size() > 1)) kept.push_back(found.back());
    return kept;
}

}  // namespace maillab::protocols::imap
