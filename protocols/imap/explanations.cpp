#include "protocols/imap/explanations.hpp"

#include <array>
#include <string>
#include <variant>

#include "protocols/imap/command_table.hpp"

namespace maillab::protocols::imap {

namespace {

struct Entry {
    std::string_view name;
    std::string_view meaning;
    std::string_view reference;
};

core::Explanation make(const Entry& e) {
    return {std::string{e.meaning}, std::string{e.reference}};
}

constexpr std::string_view kPermanentFlagsMeaning =
    "The flags the client may change and that will be kept; \\* means new keywords can be "
    "created.";

// Not a command: the line that ends IDLE. The commands' own explanations are
// in their rows of the command table.
constexpr Entry kDone{"DONE", "Ends IDLE so the client can send other commands.", "RFC 2177 §3"};

// How a command is used with an extension, explained apart from the command's own
// row: the trace says which form ran (explanation_name).
constexpr std::array<Entry, 7> kExtensionUses = {{
    {"APPEND (MULTIAPPEND)",
     "Uploads several messages in one command; the server stores all of them or none, "
     "and APPENDUID lists every new UID.",
     "RFC 3502 §6.3.11, RFC 4315 §3"},
    {"APPEND (BINARY)",
     "Uploads a message as a literal8 (~{n}), so a part may carry raw binary octets, NUL "
     "included, without base64; the server keeps them decodable.",
     "RFC 3516 §4.4"},
    {"APPEND (UTF8)",
     "Uploads a message whose headers are in UTF-8 (UTF8 (~{n})), allowed once the client "
     "enabled UTF8=ACCEPT.",
     "RFC 6855 §4"},
    {"ENABLE UTF8=ACCEPT",
     "The client says it understands UTF-8 in strings and headers; from now on quoted "
     "strings may carry UTF-8 and SEARCH takes no CHARSET.",
     "RFC 6855 §3"},
    {"FETCH PREVIEW",
     "Asks for a short plain-text opening of each message (up to 256 characters), what a "
     "mail list shows under the subject.",
     "RFC 8970 §3"},
    {"FETCH SAVEDATE",
     "Asks when each message was saved into this mailbox: a copy keeps its internal date but "
     "gets its own save date.",
     "RFC 8514 §4.1"},
    {"SEARCH SAVEDATE",
     "Searches by the date a message was saved into the mailbox: SAVEDBEFORE, SAVEDON, "
     "SAVEDSINCE.",
     "RFC 8514 §4.2"},
}};

constexpr std::array<Entry, 23> kResponses = {{
    {"CAPABILITY", "The list of features the server supports.", "RFC 3501 §7.2.1"},
    {"LIST", "One mailbox that matched: its attributes, hierarchy separator and name.",
     "RFC 3501 §7.2.2"},
    {"LSUB", "One subscribed mailbox that matched.", "RFC 3501 §7.2.3"},
    {"STATUS", "The counts asked for about one mailbox.", "RFC 3501 §7.2.4"},
    {"SEARCH", "The numbers of the messages that matched.", "RFC 3501 §7.2.5"},
    {"ESEARCH", "A compact SEARCH answer: only the minimum, maximum, count or a range list.",
     "RFC 4731 §3.1"},
    {"SORT", "The numbers of the messages that matched, in the order asked for.",
     "RFC 5256 §4 (SORT Response)"},
    {"THREAD",
     "The conversations: each parenthesised list is one thread, a number followed by its "
     "replies; \"(3 6 (4 23)(44 7 96))\" means 6 answers 3, and 4 and 44 both answer 6.",
     "RFC 5256 §4 (THREAD Response)"},
    {"FLAGS", "The flags that can be used in this mailbox.", "RFC 3501 §7.2.6"},
    // Sent as a response code; named here too for the announcement of a new keyword.
    {"PERMANENTFLAGS", kPermanentFlagsMeaning, "RFC 3501 §7.1"},
    {"EXISTS",
     "How many messages the mailbox now holds; a bigger number means new mail "
     "arrived.",
     "RFC 3501 §7.3.1"},
    {"RECENT", "How many messages are new since the last session looked.", "RFC 3501 §7.3.2"},
    {"EXPUNGE", "One message was removed; every later message number moves down by one.",
     "RFC 3501 §7.4.1"},
    {"FETCH",
     "Data about one message: what the client asked for, or news of a change made by "
     "another session (a flag set on another device reaches this one as an untagged "
     "FETCH).",
     "RFC 3501 §7.4.2"},
    {"VANISHED",
     "UIDs of messages removed, sent instead of EXPUNGE once QRESYNC is on, so an "
     "offline device can catch up.",
     "RFC 7162 §3.2.10"},
    {"ENABLED", "The extensions the ENABLE command turned on.", "RFC 5161 §3.2"},
    {"ID", "The server's software name and version.", "RFC 2971 §3.2"},
    {"NAMESPACE", "The personal, other users' and shared prefixes with their separators.",
     "RFC 2342 §5"},
    {"QUOTA", "A quota root's resources: usage and limit.", "RFC 9208 §5.1"},
    {"QUOTAROOT", "The quota roots that apply to a mailbox.", "RFC 9208 §5.2"},
    {"+",
     "A continuation request: the server is ready for the rest of the command (literal "
     "data or an authentication step).",
     "RFC 3501 §7.5"},
    {"PREAUTH", "A greeting that says the connection is already logged in.", "RFC 3501 §7.1.4"},
    {"BYE", "The server is closing the connection.", "RFC 3501 §7.1.5"},
}};

struct CodeEntry {
    CodeKind kind;
    std::string_view meaning;
    std::string_view reference;
};

constexpr std::array<CodeEntry, 37> kCodes = {{
    {CodeKind::Alert, "A message the client must show to the user.", "RFC 3501 §7.1"},
    {CodeKind::AlreadyExists, "The mailbox to create or rename to exists already.", "RFC 5530 §3"},
    {CodeKind::AppendUid,
     "The UIDVALIDITY and UID the appended message got, so the client "
     "need not search for it.",
     "RFC 4315 §3"},
    {CodeKind::AuthenticationFailed, "Wrong user name or password.", "RFC 5530 §3"},
    {CodeKind::AuthorizationFailed, "The credentials were right but may not act as that user.",
     "RFC 5530 §3"},
    {CodeKind::BadCharset, "The SEARCH charset is not supported; the list shows which are.",
     "RFC 3501 §7.1"},
    {CodeKind::Cannot,
     "The operation can never succeed (for example a name the server cannot "
     "store).",
     "RFC 5530 §3"},
    {CodeKind::Capability, "The capability list, sent along so the client saves a round trip.",
     "RFC 3501 §7.1"},
    {CodeKind::Closed, "The previously selected mailbox is now closed.", "RFC 7162 §3.2.11"},
    {CodeKind::ClientBug, "The server noticed the client doing something wrong but went on.",
     "RFC 5530 §3"},
    {CodeKind::ContactAdmin, "The user should contact the administrator.", "RFC 5530 §3"},
    {CodeKind::CopyUid,
     "The UIDs of the copies in the target mailbox, matched to the "
     "originals.",
     "RFC 4315 §3"},
    {CodeKind::Corruption, "The server found corrupted data.", "RFC 5530 §3"},
    {CodeKind::Expired, "The password or account has expired.", "RFC 5530 §3"},
    {CodeKind::ExpungeIssued, "Some of the messages were removed by another session.",
     "RFC 5530 §3"},
    {CodeKind::HighestModSeq,
     "The mailbox's highest change number; a device that remembers "
     "it can later ask only for newer changes.",
     "RFC 7162 §3.1.2.1"},
    {CodeKind::InUse, "Someone else is using the resource; try again later.", "RFC 5530 §3"},
    {CodeKind::Limit, "A server limit was reached (too many mailboxes, too many flags...).",
     "RFC 5530 §3"},
    {CodeKind::Modified,
     "These messages were changed by someone else, so the conditional "
     "STORE left them alone.",
     "RFC 7162 §3.1.3"},
    {CodeKind::NoModSeq, "This mailbox does not keep change numbers.", "RFC 7162 §3.1.2.2"},
    {CodeKind::NonExistent, "The mailbox does not exist.", "RFC 5530 §3"},
    {CodeKind::NoPerm, "The user has no permission for this.", "RFC 5530 §3"},
    {CodeKind::OverQuota, "The mailbox is full: the storage quota is used up.",
     "RFC 5530 §3, RFC 9208 §4"},
    {CodeKind::Parse, "The server could not parse a message's headers or MIME structure.",
     "RFC 3501 §7.1"},
    {CodeKind::PermanentFlags, kPermanentFlagsMeaning, "RFC 3501 §7.1"},
    {CodeKind::PrivacyRequired, "This needs an encrypted connection.", "RFC 5530 §3"},
    {CodeKind::ReadOnly, "The mailbox is open read-only.", "RFC 3501 §7.1"},
    {CodeKind::ReadWrite, "The mailbox is open for changes.", "RFC 3501 §7.1"},
    {CodeKind::ServerBug, "The server hit an internal problem.", "RFC 5530 §3"},
    {CodeKind::TooBig, "The command or message is larger than the server accepts.",
     "RFC 4469 §4, RFC 7888 §4"},
    {CodeKind::TryCreate, "The target mailbox does not exist; CREATE it and try again.",
     "RFC 3501 §7.1"},
    {CodeKind::UidNext, "The UID the next new message will get.", "RFC 3501 §7.1"},
    {CodeKind::UidNotSticky, "This mailbox cannot keep UIDs from one session to the next.",
     "RFC 4315 §3"},
    {CodeKind::UidValidity,
     "A number that changes only if UIDs were reassigned; while it "
     "stays the same a device's cache of UIDs is still good.",
     "RFC 3501 §2.3.1.1"},
    {CodeKind::Unavailable, "Temporarily unavailable; try again later.", "RFC 5530 §3"},
    {CodeKind::UnknownCte,
     "The part uses a Content-Transfer-Encoding the server cannot decode, so BINARY "
     "cannot give its decoded bytes; BODY[] still gives them as stored.",
     "RFC 3516 §4.3"},
    {CodeKind::Unseen, "The number of the first message not yet seen.", "RFC 3501 §7.1"},
}};

template <std::size_t N>
core::Explanation lookup(const std::array<Entry, N>& table, std::string_view name,
                         std::string_view fallback_reference) {
    for (const Entry& e : table) {
        if (e.name == name) return make(e);
    }
    return {"A command or response this lab does not describe yet.",
            std::string{fallback_reference}};
}

}  // namespace

core::Explanation explain_command(std::string_view name) {
    if (auto found = find_command_explanation(name)) return *found;
    return {"A command or response this lab does not describe yet.", "RFC 3501 §6"};
}

std::optional<core::Explanation> find_command_explanation(std::string_view name) {
    if (const CommandRow* row = find_command(name)) return row->explanation();
    if (name == kDone.name) return make(kDone);
    for (const Entry& e : kExtensionUses)
        if (e.name == name) return make(e);
    return std::nullopt;
}

std::string explanation_name(const TaggedCommand& command) {
    if (const auto* a = std::get_if<AppendCmd>(&command.command)) {
        if (a->messages.size() > 1) return "APPEND (MULTIAPPEND)";
        for (const AppendMessage& m : a->messages) {
            if (m.data == AppendData::Literal8) return "APPEND (BINARY)";
            if (m.data == AppendData::Utf8) return "APPEND (UTF8)";
        }
    }
    if (const auto* e = std::get_if<EnableCmd>(&command.command)) {
        for (const std::string& name : e->capabilities)
            if (name == "UTF8=ACCEPT") return "ENABLE UTF8=ACCEPT";
    }
    if (const auto* f = std::get_if<FetchCmd>(&command.command)) {
        for (const FetchAttribute& att : f->attributes) {
            if (att.item == FetchItem::Preview) return "FETCH PREVIEW";
            if (att.item == FetchItem::SaveDate) return "FETCH SAVEDATE";
        }
    }
    if (const auto* s = std::get_if<SearchCmd>(&command.command)) {
        for (const SearchKey& key : s->criteria.children) {
            if (key.kind == SearchKeyKind::SavedBefore || key.kind == SearchKeyKind::SavedOn ||
                key.kind == SearchKeyKind::SavedSince) {
                return "SEARCH SAVEDATE";
            }
        }
    }
    return command.name;
}

core::Explanation explain_command(const TaggedCommand& command) {
    return explain_command(explanation_name(command));
}

core::Explanation explain_response(std::string_view name) {
    return lookup(kResponses, name, "RFC 3501 §7");
}

core::Explanation explain_status(Status status) {
    switch (status) {
        case Status::Ok:
            return {"OK: the command succeeded (or, untagged, an informational message).",
                    "RFC 3501 §7.1.1"};
        case Status::No:
            return {
                "NO: the command was understood but failed, for example a wrong password "
                "or a missing mailbox.",
                "RFC 3501 §7.1.2"};
        case Status::Bad:
            return {
                "BAD: the server could not understand the command (a syntax error or a "
                "command not allowed now).",
                "RFC 3501 §7.1.3"};
        case Status::Bye:
            return {"BYE: the server is closing the connection.", "RFC 3501 §7.1.5"};
        case Status::Preauth:
            return {"PREAUTH: the connection is logged in already.", "RFC 3501 §7.1.4"};
    }
    return {};
}

core::Explanation explain_code(CodeKind kind) {
    for (const CodeEntry& e : kCodes) {
        if (e.kind == kind) return {std::string{e.meaning}, std::string{e.reference}};
    }
    return {};
}

core::Explanation explain_read_error(ReadError error) {
    switch (error) {
        case ReadError::LineTooLong:
            return {
                "The command line was longer than the server accepts; it is refused and "
                "the server carries on at the next line.",
                "RFC 7162 §4, RFC 3501 §7.1.3"};
        case ReadError::LiteralTooBig:
            return {
                "The client announced a literal larger than the server accepts; the "
                "server refuses it before storing a single byte.",
                "RFC 7888 §4, RFC 4469"};
        case ReadError::LiteralTooBigClose:
            return {
                "The client announced a non-synchronising literal so large that the "
                "server closes the connection rather than read it all.",
                "RFC 7888 §4"};
        case ReadError::None:
            break;
    }
    return {};
}

}  // namespace maillab::protocols::imap
