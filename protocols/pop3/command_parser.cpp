#include "protocols/pop3/command_parser.hpp"

#include "protocols/pop3/command_table.hpp"

#include <algorithm>
#include <cctype>

namespace maillab::protocols::pop3 {

namespace {

bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t';
}

}  // namespace

std::string_view to_string(Verb verb) {
    const CommandRow* row = find_command(verb);
    return row ? row->name : "UNKNOWN";
}

ParseResult parse_command(std::string_view line) {
    ParseResult result;
    if (line.empty()) {
        result.error = ParseError::Empty;
        return result;
    }
    if (std::any_of(line.begin(), line.end(), is_control)) {
        result.error = ParseError::BadCharacter;
        return result;
    }
    const std::size_t space = line.find(' ');
    const std::string_view keyword = line.substr(0, space);
    for (char c : keyword) {
        result.command.keyword += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (keyword.empty() || keyword.size() > kMaxKeywordOctets) {
        result.error = ParseError::KeywordTooLong;
        return result;
    }
    if (const CommandRow* row = find_command(result.command.keyword))
        result.command.verb = row->parse;
    if (space == std::string_view::npos) return result;

    result.command.rest = std::string{line.substr(space + 1)};
    std::string_view args = line.substr(space + 1);
    while (!args.empty()) {
        const std::size_t start = args.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        args.remove_prefix(start);
        const std::size_t end = args.find(' ');
        result.command.args.emplace_back(args.substr(0, end));
        args.remove_prefix(end == std::string_view::npos ? args.size() : end);
    }
    // PASS takes the rest of the line (passwords may hold spaces, RFC 1939 §7).
    if (result.command.verb != Verb::Pass && result.command.args.size() > kMaxArguments) {
        result.error = ParseError::TooManyArguments;
    }
    return result;
}

std::optional<std::size_t> parse_number(std::string_view text) {
    if (text.empty() || text.size() > kMaxNumberDigits) return std::nullopt;
    std::size_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

}  // namespace maillab::protocols::pop3
