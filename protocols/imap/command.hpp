// The typed IMAP commands a client can send (RFC 3501 §6 and the extensions
// the server supports), one struct per command, gathered in the Command
// variant. Which state allows which command is the session's business; the
// parser accepts every command's grammar in any state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/fetch_attribute.hpp"
#include "protocols/imap/search_key.hpp"
#include "protocols/imap/sequence_set.hpp"
#include "protocols/imap/sort_criteria.hpp"

namespace maillab::protocols::imap {

// A mailbox name as raw bytes (modified UTF-7 is decoded elsewhere); any
// case of "INBOX" is stored as "INBOX" (RFC 3501 §5.1).
struct Mailbox {
    std::string name;
    bool operator==(const Mailbox&) const = default;
};

struct CapabilityCmd {
    bool operator==(const CapabilityCmd&) const = default;
};
struct NoopCmd {
    bool operator==(const NoopCmd&) const = default;
};
struct LogoutCmd {
    bool operator==(const LogoutCmd&) const = default;
};
struct StartTlsCmd {
    bool operator==(const StartTlsCmd&) const = default;
};
struct CheckCmd {
    bool operator==(const CheckCmd&) const = default;
};
struct CloseCmd {
    bool operator==(const CloseCmd&) const = default;
};
struct UnselectCmd {
    bool operator==(const UnselectCmd&) const = default;
};
struct IdleCmd {
    bool operator==(const IdleCmd&) const = default;
};
struct NamespaceCmd {
    bool operator==(const NamespaceCmd&) const = default;
};

struct AuthenticateCmd {
    std::string mechanism;  // upper-cased: "PLAIN"
    // SASL-IR (RFC 4959): base64 as sent; "=" (an empty response) is kept as "=".
    std::optional<std::string> initial_response;
    bool operator==(const AuthenticateCmd&) const = default;
};

struct LoginCmd {
    std::string user;
    std::string password;
    bool operator==(const LoginCmd&) const = default;
};

struct QresyncParams {  // RFC 7162 §3.2.5
    std::uint32_t uidvalidity = 0;
    std::uint64_t modseq = 0;
    std::optional<SequenceSet> known_uids;
    // Optional (known sequence numbers, known UIDs) pair.
    std::optional<std::pair<SequenceSet, SequenceSet>> seq_match;
    bool operator==(const QresyncParams&) const = default;
};

struct SelectCmd {  // SELECT and EXAMINE
    Mailbox mailbox;
    bool read_only = false;  // EXAMINE
    bool condstore = false;  // (CONDSTORE), RFC 7162 §3.1.8
    std::optional<QresyncParams> qresync;
    bool operator==(const SelectCmd&) const = default;
};

struct CreateCmd {
    Mailbox mailbox;
    bool operator==(const CreateCmd&) const = default;
};
struct DeleteCmd {
    Mailbox mailbox;
    bool operator==(const DeleteCmd&) const = default;
};
struct RenameCmd {
    Mailbox from;
    Mailbox to;
    bool operator==(const RenameCmd&) const = default;
};
struct SubscribeCmd {
    Mailbox mailbox;
    bool subscribe = true;  // false: UNSUBSCRIBE
    bool operator==(const SubscribeCmd&) const = default;
};

struct ListCmd {  // LIST, LSUB, LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819)
    bool lsub = false;
    std::vector<std::string>
        selection;  // upper-cased: SUBSCRIBED REMOTE RECURSIVEMATCH SPECIAL-USE
    Mailbox reference;
    std::vector<std::string> patterns;      // one unless the (pattern ...) form is used
    std::vector<std::string> returns;       // upper-cased: SUBSCRIBED CHILDREN SPECIAL-USE STATUS
    std::vector<std::string> status_items;  // RETURN (STATUS (...))
    bool operator==(const ListCmd&) const = default;
};

struct StatusCmd {
    Mailbox mailbox;
    std::vector<std::string> items;  // upper-cased: MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN ...
    bool operator==(const StatusCmd&) const = default;
};

// How an APPEND message was sent: a literal, a literal8 "~{n}" (BINARY, RFC 3516 §4.4)
// or "UTF8 (~{n})" (UTF8=ACCEPT, RFC 6855 §4).
enum class AppendData { Literal, Literal8, Utf8 };

struct AppendMessage {
    std::vector<std::string> flags;
    std::optional<DateTime> internal_date;
    std::string message;
    AppendData data = AppendData::Literal;
    bool operator==(const AppendMessage&) const = default;
};

struct AppendCmd {  // one message, or several with MULTIAPPEND (RFC 3502)
    Mailbox mailbox;
    std::vector<AppendMessage> messages;  // at least one, at most kMaxAppendMessages
    bool operator==(const AppendCmd&) const = default;
};

struct ExpungeCmd {
    std::optional<SequenceSet> uids;  // UID EXPUNGE (UIDPLUS, RFC 4315 §2.1)
    bool operator==(const ExpungeCmd&) const = default;
};

struct SearchCmd {
    bool uid = false;
    std::optional<std::string> charset;
    // ESEARCH (RFC 4731) RETURN options, upper-cased: MIN MAX ALL COUNT SAVE.
    std::optional<std::vector<std::string>> returns;
    SearchKey criteria;  // an And node
    bool operator==(const SearchCmd&) const = default;
};

struct SortCmd {  // SORT (RFC 5256 §3), ESORT's RETURN (RFC 5267 §3)
    bool uid = false;
    // Upper-cased: MIN MAX ALL COUNT SAVE (RFC 5182); present means an ESEARCH answer.
    std::optional<std::vector<std::string>> returns;
    std::vector<SortCriterion> program;
    std::string charset;
    SearchKey criteria;  // an And node
    bool operator==(const SortCmd&) const = default;
};

struct ThreadCmd {  // THREAD (RFC 5256 §3)
    bool uid = false;
    ThreadAlgorithm algorithm = ThreadAlgorithm::OrderedSubject;
    std::string charset;
    SearchKey criteria;  // an And node
    bool operator==(const ThreadCmd&) const = default;
};

struct FetchCmd {
    bool uid = false;
    SequenceSet set;
    std::vector<FetchAttribute> attributes;
    std::optional<std::uint64_t> changed_since;  // CONDSTORE modifier
    bool vanished = false;                       // QRESYNC modifier (UID FETCH only)
    bool operator==(const FetchCmd&) const = default;
};

enum class StoreMode { Replace, Add, Remove };  // FLAGS, +FLAGS, -FLAGS

struct StoreCmd {
    bool uid = false;
    SequenceSet set;
    std::optional<std::uint64_t> unchanged_since;  // CONDSTORE modifier
    StoreMode mode = StoreMode::Replace;
    bool silent = false;
    std::vector<std::string> flags;
    bool operator==(const StoreCmd&) const = default;
};

struct CopyCmd {  // COPY and MOVE (RFC 6851)
    bool uid = false;
    bool move = false;
    SequenceSet set;
    Mailbox mailbox;
    bool operator==(const CopyCmd&) const = default;
};

struct EnableCmd {
    std::vector<std::string> capabilities;  // upper-cased
    bool operator==(const EnableCmd&) const = default;
};

struct IdCmd {  // RFC 2971: NIL or a list of field/value pairs
    std::vector<std::pair<std::string, std::optional<std::string>>> fields;
    bool operator==(const IdCmd&) const = default;
};

struct GetQuotaCmd {
    std::string root;
    bool operator==(const GetQuotaCmd&) const = default;
};
struct GetQuotaRootCmd {
    Mailbox mailbox;
    bool operator==(const GetQuotaRootCmd&) const = default;
};
struct SetQuotaCmd {
    std::string root;
    std::vector<std::pair<std::string, std::uint64_t>> limits;  // upper-cased resource names
    bool operator==(const SetQuotaCmd&) const = default;
};

using Command =
    std::variant<CapabilityCmd, NoopCmd, LogoutCmd, StartTlsCmd, AuthenticateCmd, LoginCmd,
                 SelectCmd, CreateCmd, DeleteCmd, RenameCmd, SubscribeCmd, ListCmd, StatusCmd,
                 AppendCmd, CheckCmd, CloseCmd, ExpungeCmd, SearchCmd, FetchCmd, StoreCmd, CopyCmd,
                 UnselectCmd, IdleCmd, EnableCmd, IdCmd, NamespaceCmd, GetQuotaCmd, GetQuotaRootCmd,
                 SetQuotaCmd, SortCmd, ThreadCmd>;

struct TaggedCommand {
    std::string tag;
    std::string name;  // as the client spelled it, upper-cased ("UID FETCH")
    Command command;
    bool operator==(const TaggedCommand&) const = default;
};

}  // namespace maillab::protocols::imap
