#include "protocols/imap/command_parser.hpp"

#include <array>
#include <utility>

#include "protocols/imap/command_parser_detail.hpp"
#include "protocols/imap/command_table.hpp"

namespace maillab::protocols::imap {

namespace detail {

std::optional<Mailbox> mailbox(Lexer& lx) {
    auto name = lx.astring();
    if (!name) return std::nullopt;
    if (iequals(*name, "INBOX")) return Mailbox{"INBOX"};
    return Mailbox{std::move(*name)};
}

std::optional<std::string> flag(Lexer& lx) {
    static constexpr std::array<std::string_view, 5> kSystem = {"\\Answered", "\\Flagged",
                                                                "\\Deleted", "\\Seen", "\\Draft"};
    const bool system = lx.consume('\\');
    auto name = lx.atom();
    if (!name) return lx.fail("Invalid flag");
    if (!system) return std::string{*name};
    const std::string full = "\\" + std::string{*name};
    for (std::string_view s : kSystem) {
        if (iequals(s, full)) return std::string{s};
    }
    // \Recent is session state the client cannot set (RFC 3501 §2.3.2).
    if (iequals(full, "\\Recent")) return lx.fail("\\Recent cannot be set");
    return full;  // flag-extension
}

std::optional<std::vector<std::string>> flag_list(Lexer& lx) {
    std::vector<std::string> flags;
    const bool ok = lx.parenthesised(kMaxFlags, true, [&] {
        auto f = flag(lx);
        if (f) flags.push_back(std::move(*f));
        return f.has_value();
    });
    if (!ok) return std::nullopt;
    return flags;
}

std::optional<std::vector<std::string>> atom_list(Lexer& lx, bool allow_empty) {
    std::vector<std::string> items;
    const bool ok = lx.parenthesised(kMaxFlags, allow_empty, [&] {
        auto a = lx.upper_atom();
        if (a) items.push_back(std::move(*a));
        return a.has_value();
    });
    if (!ok) return std::nullopt;
    return items;
}

}  // namespace detail

namespace {

bool is_base64_or_empty(std::string_view s) {
    if (s == "=") return true;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok) return false;
    }
    return !s.empty();
}

}  // namespace

namespace detail {

std::optional<Command> parse_authenticate(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mech = lx.upper_atom();
    if (!mech) return std::nullopt;
    AuthenticateCmd cmd{*mech, std::nullopt};
    if (lx.consume(' ')) {
        auto ir = lx.atom();
        if (!ir || !is_base64_or_empty(*ir)) return lx.fail("Invalid SASL initial response");
        cmd.initial_response = std::string{*ir};
    }
    return cmd;
}

std::optional<Command> parse_login(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto user = lx.astring();
    if (!user || !lx.sp()) return std::nullopt;
    auto pass = lx.astring();
    if (!pass) return std::nullopt;
    return LoginCmd{std::move(*user), std::move(*pass)};
}

std::optional<Command> parse_enable(Lexer& lx) {
    EnableCmd cmd;
    do {
        if (!lx.sp()) return std::nullopt;
        auto cap = lx.upper_atom();
        if (!cap) return std::nullopt;
        if (cmd.capabilities.size() == kMaxFlags) return lx.fail("Too many capabilities");
        cmd.capabilities.push_back(std::move(*cap));
    } while (lx.peek() == ' ');
    return cmd;
}

std::optional<Command> parse_id(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    IdCmd cmd;
    if (lx.keyword("NIL")) return cmd;
    const bool ok = lx.parenthesised(kMaxIdFields, false, [&] {
        auto field = lx.string();
        if (!field || !lx.sp()) return false;
        auto value = lx.nstring();
        if (value) cmd.fields.emplace_back(std::move(*field), std::move(*value));
        return value.has_value();
    });
    if (!ok) return std::nullopt;
    return cmd;
}

std::optional<Command> parse_getquota(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto root = lx.astring();
    if (!root) return std::nullopt;
    return GetQuotaCmd{std::move(*root)};
}

}  // namespace detail

ParseResult parse_command(std::string_view text, ParseOptions options) {
    Lexer lx{text};
    lx.accept_utf8(options.utf8);
    auto tag = lx.tag();
    if (!tag || !lx.consume(' ')) return ParseError{"", "Invalid tag"};
    const std::string tag_text{*tag};
    auto name = lx.upper_atom();
    if (!name) return ParseError{tag_text, "Missing command name"};
    std::string full_name = *name;
    if (*name == "UID") {
        if (!lx.consume(' ')) return ParseError{tag_text, "UID needs a command"};
        auto sub = lx.upper_atom();
        if (!sub) return ParseError{tag_text, "UID needs a command"};
        full_name += " " + *sub;
    }
    const CommandRow* row = find_command(full_name);
    if (row == nullptr) return ParseError{tag_text, "Unknown command " + full_name};
    auto command = row->parse.parse(lx);
    if (!command || !lx.end()) {
        return ParseError{tag_text, full_name + ": " + lx.error()};
    }
    return TaggedCommand{tag_text, std::move(full_name), std::move(*command)};
}

}  // namespace maillab::protocols::imap
