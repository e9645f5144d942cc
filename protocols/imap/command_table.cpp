#include "protocols/imap/command_table.hpp"

#include <type_traits>

#include "protocols/imap/command_parser_detail.hpp"

namespace maillab::protocols::imap {

namespace {

using States = core::EnumSet<ServerState>;
using Flags = core::EnumSet<CommandFlag>;
using Parse = std::optional<Command> (*)(Lexer&);

template <typename Cmd, typename... Alternatives>
constexpr std::size_t index_in(const std::variant<Alternatives...>*) {
    constexpr bool same[] = {std::is_same_v<Cmd, Alternatives>...};
    for (std::size_t i = 0; i < sizeof...(Alternatives); ++i)
        if (same[i]) return i;
    return sizeof...(Alternatives);
}

// A parser that makes a `Cmd`.
template <typename Cmd>
constexpr CommandParser makes(Parse parse) {
    return {parse, index_in<Cmd>(static_cast<const Command*>(nullptr))};
}

template <typename Cmd>
std::optional<Command> bare(Lexer&) {
    return Cmd{};
}

template <typename Cmd>
std::optional<Command> one_mailbox(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mb = detail::mailbox(lx);
    if (!mb) return std::nullopt;
    return Cmd{std::move(*mb)};
}

template <bool On>
std::optional<Command> subscribe(Lexer& lx) {
    if (!lx.sp()) return std::nullopt;
    auto mb = detail::mailbox(lx);
    if (!mb) return std::nullopt;
    return SubscribeCmd{std::move(*mb), On};
}

// RFC 3501 §6: which connection states allow a command. No command is allowed in Logout.
constexpr States kAny{ServerState::NotAuthenticated, ServerState::Authenticated,
                      ServerState::Selected};
constexpr States kNotAuth{ServerState::NotAuthenticated};
constexpr States kAuth{ServerState::Authenticated, ServerState::Selected};
constexpr States kSelected{ServerState::Selected};

constexpr Flags kStore{CommandFlag::NeedsStore};
constexpr Flags kSeqs{CommandFlag::NeedsStore, CommandFlag::UsesSeqs};
constexpr Flags kHeldSeqs{CommandFlag::NeedsStore, CommandFlag::UsesSeqs,
                          CommandFlag::HoldsExpunges};

const std::array<CommandRow, kCommandRows> kTable{{
    {"CAPABILITY",
     makes<CapabilityCmd>(bare<CapabilityCmd>),
     kAny,
     {},
     nullptr,
     "The client asks which features this server supports, so it knows which extensions it may "
     "use.",
     "RFC 3501 §6.1.1"},
    {"NOOP",
     makes<NoopCmd>(bare<NoopCmd>),
     kAny,
     {},
     nullptr,
     "Does nothing, but gives the server a chance to report changes (new mail, flags set by "
     "another device) and keeps the connection alive.",
     "RFC 3501 §6.1.2"},
    {"LOGOUT",
     makes<LogoutCmd>(bare<LogoutCmd>),
     kAny,
     {},
     nullptr,
     "The client says goodbye; the server answers BYE and closes the connection.",
     "RFC 3501 §6.1.3"},
    {"STARTTLS",
     makes<StartTlsCmd>(bare<StartTlsCmd>),
     kNotAuth,
     {},
     nullptr,
     "The client asks to switch this connection to TLS encryption before sending a password.",
     "RFC 3501 §6.2.1"},
    {"AUTHENTICATE",
     makes<AuthenticateCmd>(detail::parse_authenticate),
     kNotAuth,
     {},
     nullptr,
     "The client logs in with a SASL mechanism such as PLAIN; with SASL-IR the credentials ride "
     "along on the same line.",
     "RFC 3501 §6.2.2, RFC 4959"},
    {"LOGIN",
     makes<LoginCmd>(detail::parse_login),
     kNotAuth,
     {},
     nullptr,
     "The client logs in with a user name and password in plain text (which is why servers "
     "refuse it before TLS).",
     "RFC 3501 §6.2.3"},
    {"SELECT", makes<SelectCmd>([](Lexer& lx) { return detail::parse_select(lx, false); }), kAuth,
     kStore, nullptr,
     "The client opens a mailbox to work with its messages; the server replies with the message "
     "count, flags and the UIDVALIDITY that lets a device keep its cache.",
     "RFC 3501 §6.3.1"},
    {"EXAMINE", makes<SelectCmd>([](Lexer& lx) { return detail::parse_select(lx, true); }), kAuth,
     kStore, nullptr,
     "Like SELECT, but read-only: nothing the client does changes the mailbox, not even the "
     "\\Seen flag.",
     "RFC 3501 §6.3.2"},
    {"CREATE", makes<CreateCmd>(one_mailbox<CreateCmd>), kAuth, kStore, nullptr,
     "Creates a new mailbox (folder) on the server, visible from every device.", "RFC 3501 §6.3.3"},
    {"DELETE", makes<DeleteCmd>(one_mailbox<DeleteCmd>), kAuth, kStore, nullptr,
     "Deletes a mailbox and the messages in it, for every device.", "RFC 3501 §6.3.4"},
    {"RENAME", makes<RenameCmd>(detail::parse_rename), kAuth, kStore, nullptr,
     "Renames a mailbox; every device sees the new name. Renaming INBOX moves its messages "
     "instead.",
     "RFC 3501 §6.3.5"},
    {"SUBSCRIBE", makes<SubscribeCmd>(subscribe<true>), kAuth, kStore, nullptr,
     "Adds a mailbox to the list of folders the user wants shown.", "RFC 3501 §6.3.6"},
    {"UNSUBSCRIBE", makes<SubscribeCmd>(subscribe<false>), kAuth, kStore, nullptr,
     "Removes a mailbox from the list of folders the user wants shown.", "RFC 3501 §6.3.7"},
    {"LIST", makes<ListCmd>([](Lexer& lx) { return detail::parse_list(lx, false); }), kAuth, kStore,
     nullptr,
     "Asks which mailboxes exist matching a pattern (\"*\" for all); with RETURN options the "
     "answer can carry special uses and message counts.",
     "RFC 3501 §6.3.8, RFC 5258, RFC 5819"},
    {"LSUB", makes<ListCmd>([](Lexer& lx) { return detail::parse_list(lx, true); }), kAuth, kStore,
     nullptr, "Lists only the subscribed mailboxes matching a pattern.", "RFC 3501 §6.3.9"},
    {"STATUS", makes<StatusCmd>(detail::parse_status), kAuth, kStore, nullptr,
     "Asks for counts of a mailbox (messages, unseen, next UID) without opening it.",
     "RFC 3501 §6.3.10"},
    {"APPEND", makes<AppendCmd>(detail::parse_append), kAuth, kStore, nullptr,
     "Uploads a whole message into a mailbox — how a client saves a sent copy or a draft on the "
     "server.",
     "RFC 3501 §6.3.11"},
    {"CHECK", makes<CheckCmd>(bare<CheckCmd>), kSelected, kStore, nullptr,
     "Asks the server to save the mailbox's state to disk; modern servers do that anyway.",
     "RFC 3501 §6.4.1"},
    {"CLOSE", makes<CloseCmd>(bare<CloseCmd>), kSelected, kStore, nullptr,
     "Closes the mailbox and permanently removes the messages marked \\Deleted, without telling "
     "which ones.",
     "RFC 3501 §6.4.2"},
    {"UNSELECT", makes<UnselectCmd>(bare<UnselectCmd>), kSelected, kStore, nullptr,
     "Closes the mailbox without removing the \\Deleted messages.", "RFC 3691"},
    {"EXPUNGE", makes<ExpungeCmd>(bare<ExpungeCmd>), kSelected, kStore, nullptr,
     "Permanently removes every message marked \\Deleted; the server reports each removal with "
     "an untagged EXPUNGE.",
     "RFC 3501 §6.4.3"},
    {"UID EXPUNGE", makes<ExpungeCmd>(detail::parse_uid_expunge), kSelected, kStore, nullptr,
     "Removes only the \\Deleted messages with the given UIDs, so another device's deletions "
     "are left alone.",
     "RFC 4315 §2.1"},
    {"SEARCH", makes<SearchCmd>([](Lexer& lx) { return detail::parse_search(lx, false); }),
     kSelected, kHeldSeqs, nullptr,
     "Asks which messages match criteria (unseen, from someone, since a date); the answer is a "
     "list of message numbers.",
     "RFC 3501 §6.4.4"},
    {"UID SEARCH", makes<SearchCmd>([](Lexer& lx) { return detail::parse_search(lx, true); }),
     kSelected, kStore, nullptr,
     "SEARCH answering with UIDs, which stay valid across sessions and devices.",
     "RFC 3501 §6.4.8"},
    {"FETCH", makes<FetchCmd>([](Lexer& lx) { return detail::parse_fetch(lx, false); }), kSelected,
     kHeldSeqs, nullptr, "Asks for parts of messages: flags, headers, structure or the body.",
     "RFC 3501 §6.4.5"},
    {"UID FETCH", makes<FetchCmd>([](Lexer& lx) { return detail::parse_fetch(lx, true); }),
     kSelected, kStore, nullptr,
     "FETCH naming messages by UID; with CHANGEDSINCE a device fetches only what changed since "
     "its last visit.",
     "RFC 3501 §6.4.8, RFC 7162 §3.1.4"},
    {"STORE", makes<StoreCmd>([](Lexer& lx) { return detail::parse_store(lx, false); }), kSelected,
     kHeldSeqs, nullptr,
     "Sets or clears flags such as \\Seen or \\Deleted; other devices learn of it from untagged "
     "FETCH responses.",
     "RFC 3501 §6.4.6"},
    {"UID STORE", makes<StoreCmd>([](Lexer& lx) { return detail::parse_store(lx, true); }),
     kSelected, kStore, nullptr,
     "STORE naming messages by UID; with UNCHANGEDSINCE it refuses if another device changed "
     "the message first.",
     "RFC 3501 §6.4.8, RFC 7162 §3.1.3"},
    {"COPY", makes<CopyCmd>([](Lexer& lx) { return detail::parse_copy(lx, false, false); }),
     kSelected, kSeqs, nullptr, "Copies messages into another mailbox.", "RFC 3501 §6.4.7"},
    {"UID COPY", makes<CopyCmd>([](Lexer& lx) { return detail::parse_copy(lx, true, false); }),
     kSelected, kStore, nullptr, "Copies messages named by UID into another mailbox.",
     "RFC 3501 §6.4.8"},
    {"MOVE", makes<CopyCmd>([](Lexer& lx) { return detail::parse_copy(lx, false, true); }),
     kSelected, kSeqs, nullptr,
     "Moves messages into another mailbox in one step (copy, then expunge).", "RFC 6851 §3.1"},
    {"UID MOVE", makes<CopyCmd>([](Lexer& lx) { return detail::parse_copy(lx, true, true); }),
     kSelected, kStore, nullptr, "Moves messages named by UID into another mailbox.",
     "RFC 6851 §3.2"},
    {"IDLE",
     makes<IdleCmd>(bare<IdleCmd>),
     kAuth,
     {},
     nullptr,
     "The client waits for the server to push news (new mail, flag changes) at once, instead of "
     "polling.",
     "RFC 2177"},
    {"ENABLE",
     makes<EnableCmd>(detail::parse_enable),
     States{ServerState::Authenticated},  // RFC 5161 §3.1: only in the authenticated state
     {},
     nullptr,
     "Turns on extensions that change how the server talks, such as CONDSTORE or QRESYNC.",
     "RFC 5161"},
    {"ID",
     makes<IdCmd>(detail::parse_id),
     kAny,
     {},
     nullptr,
     "Client and server tell each other their software name and version, for logs.",
     "RFC 2971"},
    {"NAMESPACE",
     makes<NamespaceCmd>(bare<NamespaceCmd>),
     kAuth,
     {},
     nullptr,
     "Asks how mailbox names are organised: the personal prefix and the hierarchy separator.",
     "RFC 2342"},
    {"GETQUOTA", makes<GetQuotaCmd>(detail::parse_getquota), kAuth, kStore, nullptr,
     "Asks how much storage a quota root allows and uses.", "RFC 9208 §4.2"},
    {"GETQUOTAROOT", makes<GetQuotaRootCmd>(one_mailbox<GetQuotaRootCmd>), kAuth, kStore, nullptr,
     "Asks which quota applies to a mailbox and how full it is.", "RFC 9208 §4.3"},
    {"SETQUOTA", makes<SetQuotaCmd>(detail::parse_setquota), kAuth, kStore, nullptr,
     "Changes the limits of a quota root (usually only an administrator may).", "RFC 9208 §4.1"},
    {"SORT", makes<SortCmd>([](Lexer& lx) { return detail::parse_sort(lx, false); }), kSelected,
     kHeldSeqs, nullptr,
     "Asks the server to put the matching messages in order (by date, sender, subject without "
     "its Re: and Fwd:, size...), so a phone need not download every header to sort a mailbox; "
     "with RETURN the answer is a compact ESEARCH.",
     "RFC 5256 §3, RFC 5957, RFC 5267 §3"},
    {"UID SORT", makes<SortCmd>([](Lexer& lx) { return detail::parse_sort(lx, true); }), kSelected,
     kStore, nullptr, "SORT answering with UIDs instead of message numbers.", "RFC 5256 §3"},
    {"THREAD", makes<ThreadCmd>([](Lexer& lx) { return detail::parse_thread(lx, false); }),
     kSelected, kHeldSeqs, nullptr,
     "Asks the server to group the matching messages into conversations: REFERENCES follows the "
     "Message-ID, In-Reply-To and References headers, ORDEREDSUBJECT only the subject.",
     "RFC 5256 §3 (THREAD Command)"},
    {"UID THREAD", makes<ThreadCmd>([](Lexer& lx) { return detail::parse_thread(lx, true); }),
     kSelected, kStore, nullptr, "THREAD answering with UIDs instead of message numbers.",
     "RFC 5256 §3"},
}};

}  // namespace

std::string_view state_name(ServerState state) {
    switch (state) {
        case ServerState::NotAuthenticated:
            return "NOT AUTHENTICATED";
        case ServerState::Authenticated:
            return "AUTHENTICATED";
        case ServerState::Selected:
            return "SELECTED";
        case ServerState::Logout:
            return "LOGOUT";
    }
    return "?";
}

const std::array<CommandRow, kCommandRows>& command_table() {
    return kTable;
}

const CommandRow* find_command(std::string_view name) {
    return core::find_command(kTable, name);
}

}  // namespace maillab::protocols::imap
