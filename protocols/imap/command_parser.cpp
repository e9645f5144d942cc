#include "protocols/imap/command_parser.hpp"

#include <array>
#include <utility>

#include "protocols/imap/command_parser_detail.hpp"

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

using detail::mailbox;

bool is_base64_or_empty(std::string_view s) {
    if (s == "=") return true;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok) return false;
    }
    return !s.empty();
}

std::optional<Command> authenticate(Lexer& lx) {
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

std::optional<Command> login(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto user = lx.astring();
    if (!user || !lx.sp()) return std::nullopt;
    auto pass = lx.astring();
    if (!pass) return std::nullopt;
    return LoginCmd{std::move(*user), std::move(*pass)};
}

template <typename Cmd>
std::optional<Command> one_mailbox(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb) return std::nullopt;
    return Cmd{std::move(*mb)};
}

std::optional<Command> subscribe(Lexer& lx, bool on) {
    if (!lx.sp()) return std::nullopt;
    auto mb = mailbox(lx);
    if (!mb) return std::nullopt;
    return SubscribeCmd{std::move(*mb), on};
}

std::optional<Command> enable(Lexer& lx) {
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

std::optional<Command> id(Lexer& lx) {
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

std::optional<Command> getquota(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto root = lx.astring();
    if (!root) return std::nullopt;
    return GetQuotaCmd{std::move(*root)};
}

template <typename Cmd>
std::optional<Command> bare(Lexer&) {
    return Cmd{};
}

using Handler = std::optional<Command> (*)(Lexer&);

struct Entry {
    std::string_view name;
    Handler handler;
};

// One table from command name to parser, like Postfix smtpd's command table.
constexpr std::array<Entry, 35> kCommands = {{
    {"CAPABILITY", bare<CapabilityCmd>},
    {"NOOP", bare<NoopCmd>},
    {"LOGOUT", bare<LogoutCmd>},
    {"STARTTLS", bare<StartTlsCmd>},
    {"AUTHENTICATE", authenticate},
    {"LOGIN", login},
    {"SELECT", [](Lexer& lx) { return detail::parse_select(lx, false); }},
    {"EXAMINE", [](Lexer& lx) { return detail::parse_select(lx, true); }},
    {"CREATE", one_mailbox<CreateCmd>},
    {"DELETE", one_mailbox<DeleteCmd>},
    {"RENAME", detail::parse_rename},
    {"SUBSCRIBE", [](Lexer& lx) { return subscribe(lx, true); }},
    {"UNSUBSCRIBE", [](Lexer& lx) { return subscribe(lx, false); }},
    {"LIST", [](Lexer& lx) { return detail::parse_list(lx, false); }},
    {"LSUB", [](Lexer& lx) { return detail::parse_list(lx, true); }},
    {"STATUS", detail::parse_status},
    {"APPEND", detail::parse_append},
    {"CHECK", bare<CheckCmd>},
    {"CLOSE", bare<CloseCmd>},
    {"EXPUNGE", bare<ExpungeCmd>},
    {"SEARCH", [](Lexer& lx) { return detail::parse_search(lx, false); }},
    {"FETCH", [](Lexer& lx) { return detail::parse_fetch(lx, false); }},
    {"STORE", [](Lexer& lx) { return detail::parse_store(lx, false); }},
    {"COPY", [](Lexer& lx) { return detail::parse_copy(lx, false, false); }},
    {"MOVE", [](Lexer& lx) { return detail::parse_copy(lx, false, true); }},
    {"UNSELECT", bare<UnselectCmd>},
    {"IDLE", bare<IdleCmd>},
    {"ENABLE", enable},
    {"ID", id},
    {"NAMESPACE", bare<NamespaceCmd>},
    {"GETQUOTA", getquota},
    {"GETQUOTAROOT", one_mailbox<GetQuotaRootCmd>},
    {"SETQUOTA", detail::parse_setquota},
    {"SORT", [](Lexer& lx) { return detail::parse_sort(lx, false); }},
    {"THREAD", [](Lexer& lx) { return detail::parse_thread(lx, false); }},
}};

constexpr std::array<Entry, 8> kUidCommands = {{
    {"SEARCH", [](Lexer& lx) { return detail::parse_search(lx, true); }},
    {"FETCH", [](Lexer& lx) { return detail::parse_fetch(lx, true); }},
    {"STORE", [](Lexer& lx) { return detail::parse_store(lx, true); }},
    {"COPY", [](Lexer& lx) { return detail::parse_copy(lx, true, false); }},
    {"MOVE", [](Lexer& lx) { return detail::parse_copy(lx, true, true); }},
    {"EXPUNGE", detail::parse_uid_expunge},
    {"SORT", [](Lexer& lx) { return detail::parse_sort(lx, true); }},
    {"THREAD", [](Lexer& lx) { return detail::parse_thread(lx, true); }},
}};

template <std::size_t N>
Handler find(const std::array<Entry, N>& table, std::string_view name) {
    for (const Entry& e : table) {
        if (e.name == name) return e.handler;
    }
    return nullptr;
}

}  // namespace

ParseResult parse_command(std::string_view text, ParseOptions options) {
    Lexer lx{text};
    lx.accept_utf8(options.utf8);
    auto tag = lx.tag();
    if (!tag || !lx.consume(' ')) return ParseError{"", "Invalid tag"};
    const std::string tag_text{*tag};
    auto name = lx.upper_atom();
    if (!name) return ParseError{tag_text, "Missing command name"};
    Handler handler = nullptr;
    std::string full_name = *name;
    if (*name == "UID") {
        if (!lx.consume(' ')) return ParseError{tag_text, "UID needs a command"};
        auto sub = lx.upper_atom();
        if (!sub) return ParseError{tag_text, "UID needs a command"};
        handler = find(kUidCommands, *sub);
        full_name += " " + *sub;
    } else {
        handler = find(kCommands, *name);
    }
    if (handler == nullptr) return ParseError{tag_text, "Unknown command " + full_name};
    auto command = handler(lx);
    if (!command || !lx.end()) {
        return ParseError{tag_text, full_name + ": " + lx.error()};
    }
    return TaggedCommand{tag_text, std::move(full_name), std::move(*command)};
}

}  // namespace maillab::protocols::imap
