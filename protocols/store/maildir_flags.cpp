#include "protocols/store/maildir_flags.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace maillab::protocols::store::maildir {
namespace {

constexpr std::array<std::pair<char, SystemFlag>, 5> kSystemLetters{{
    {'D', SystemFlag::Draft},
    {'F', SystemFlag::Flagged},
    {'R', SystemFlag::Answered},
    {'S', SystemFlag::Seen},
    {'T', SystemFlag::Deleted},
}};

}  // namespace

std::string flags_to_letters(const Flags& flags, const std::vector<std::string>& table) {
    std::string letters;
    for (const auto& [letter, flag] : kSystemLetters) {
        if (flags.has(flag)) letters += letter;
    }
    for (const auto& keyword : flags.keywords) {
        if (keyword == kForwardedKeyword) {
            letters += 'P';
            continue;
        }
        const auto at = std::find(table.begin(), table.end(), keyword);
        if (at != table.end() && at - table.begin() < 26) {
            letters += static_cast<char>('a' + (at - table.begin()));
        }
    }
    std::sort(letters.begin(), letters.end());
    return letters;
}

Flags letters_to_flags(std::string_view letters, const std::vector<std::string>& table) {
    Flags flags;
    for (const char letter : letters) {
        for (const auto& [candidate, flag] : kSystemLetters) {
            if (letter == candidate) flags.set(flag);
        }
        if (letter == 'P') flags.add_keyword(kForwardedKeyword);
        if (letter >= 'a' && letter <= 'z') {
            const auto index = static_cast<std::size_t>(letter - 'a');
            if (index < table.size()) flags.add_keyword(table[index]);
        }
    }
    return flags;
}

std::string format_keywords_file(const std::vector<std::string>& table) {
    std::string text;
    for (std::size_t i = 0; i < table.size(); ++i) {
        text += std::to_string(i) + " " + table[i] + "\n";
    }
    return text;
}

std::vector<std::string> parse_keywords_file(std::string_view text) {
    std::vector<std::string> table;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos) continue;
        std::size_t index = 0;
        const auto parsed = std::from_chars(line.data(), line.data() + space, index);
        const std::string_view keyword = line.substr(space + 1);
        if (parsed.ec != std::errc() || parsed.ptr != line.data() + space || index >= 26 ||
            !is_valid_keyword(keyword)) {
            continue;
        }
        if (table.size() <= index) table.resize(index + 1);
        table[index] = std::string(keyword);
    }
    // Holes (an index that never appeared) get a placeholder nobody can set.
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].empty()) table[i] = "$maillab-unused-" + std::to_string(i);
    }
    return table;
}

}  // namespace maillab::protocols::store::maildir
