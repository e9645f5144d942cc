// The lesson, as the loader hands it to the runner: plain data, already
// checked. Every reference in it (a device's account, an action's device, a
// check's server or link) names something that exists, and every action is
// possible in the declared world, so the runner never has to validate again.
// docs/lessons.md explains each key to teachers; the comments here say how the
// file's keys map onto these fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace maillab::sim::lesson {

// Durations ("90s", "2h", "3d") are stored in microseconds of simulated time.
using Micros = std::int64_t;

// Where something was written in the lesson file, for the runner's messages.
struct SourcePos {
    int line = 0;
    int column = 0;
};

enum class Level { Beginner, Intermediate, Advanced };

// The services a server can run, each on its standard port.
enum class Service {
    Smtp,         // 25, server-to-server relay (RFC 5321)
    Submission,   // 587, clients submit mail, STARTTLS (RFC 6409)
    Submissions,  // 465, submission over implicit TLS (RFC 8314)
    Pop3,         // 110, STLS available (RFC 1939, RFC 2595)
    Pop3s,        // 995, implicit TLS (RFC 8314)
    Imap,         // 143, STARTTLS available (RFC 9051)
    Imaps,        // 993, implicit TLS (RFC 8314)
};

enum class DeviceKind { Laptop, Phone };

// How a client protects its connection.
enum class Tls {
    None,      // plaintext all the way: a sniffer sees everything
    StartTls,  // plaintext greeting, then STARTTLS / STLS upgrades the connection
    Implicit,  // TLS from the first byte (ports 465, 995, 993)
};

// What the sender asks to be told about (RFC 3461 NOTIFY).
enum class DsnNotify { Success, Failure, Delay };

enum class DsnKind { Success, Failure, Delay };

std::string_view level_name(Level level);
std::string_view service_name(Service service);
std::uint16_t service_port(Service service);
std::string_view device_kind_name(DeviceKind kind);
std::string_view tls_name(Tls tls);
std::string_view dsn_notify_name(DsnNotify notify);
std::string_view dsn_kind_name(DsnKind kind);

// ---------------------------------------------------------------- the world

// Mail already in a mailbox when the lesson starts.
struct MessageSpec {
    std::string mailbox = "INBOX";
    std::string from;
    std::vector<std::string> to;
    std::string subject;
    std::string body;
    std::vector<std::string> flags;     // IMAP flags, e.g. "\\Seen", "\\Flagged"
    Micros age = 0;                     // arrived this long before the lesson starts
    std::optional<std::uint64_t> size;  // pad the message with filler to this many bytes
    // A file attached as a second MIME part (multipart/mixed, RFC 2046 §5.1.3),
    // of about attachment_size bytes once base64-encoded.
    std::optional<std::string> attachment;
    std::optional<std::uint64_t> attachment_size;
    SourcePos where;
};

struct AccountSpec {
    std::string user;
    std::string password;
    std::optional<std::uint64_t> quota_bytes;     // refuse new mail beyond this size
    std::optional<std::uint32_t> quota_messages;  // ... or beyond this many messages
    std::vector<std::string> folders;             // extra empty mailboxes besides INBOX
    std::vector<MessageSpec> messages;
    SourcePos where;
};

// Overrides of the server's outgoing queue; unset means the engine default.
struct QueueSpec {
    std::vector<Micros> retry;       // delays between attempts; the last one repeats
    std::optional<Micros> lifetime;  // give up (bounce) after this long
};

struct ServerSpec {
    std::string name;                  // FQDN, e.g. "mail.example.org"
    std::string address;               // dotted IPv4
    std::vector<std::string> domains;  // mail for user@domain is delivered here
    std::vector<Service> services;     // in the order written, no duplicates
    bool persistent = true;            // false: a crash loses mailboxes and queue
    bool plaintext_auth = false;       // accept passwords on connections without TLS
    QueueSpec queue;
    std::vector<AccountSpec> accounts;
    SourcePos where;

    bool runs(Service service) const;
    const AccountSpec* account(std::string_view user) const;
};

// A device's mail account and how its mail client is configured.
struct DeviceAccountSpec {
    std::string server;  // a ServerSpec::name
    std::string user;    // an AccountSpec::user on that server
    std::string password;
    Tls tls = Tls::StartTls;               // default for this account's POP3/IMAP/submission
    bool leave_on_server = false;          // POP3: keep mail on the server
    std::optional<int> delete_after_days;  // POP3: ... but delete it after N days
    SourcePos where;
};

struct DeviceSpec {
    std::string name;  // e.g. "laptop"
    std::string address;
    DeviceKind kind = DeviceKind::Laptop;
    std::vector<DeviceAccountSpec> accounts;
    SourcePos where;

    const DeviceAccountSpec* account(std::string_view user) const;
};

// An unordered pair of host names; "internet" names the router every host
// is attached to.
struct LinkEnds {
    std::string a;
    std::string b;

    bool connects(std::string_view x, std::string_view y) const {
        return (a == x && b == y) || (a == y && b == x);
    }
};

inline constexpr std::string_view kInternet = "internet";
inline constexpr Micros kDefaultLatency = 10'000;                // 10 ms per host link
inline constexpr std::uint64_t kDefaultBandwidth = 100'000'000;  // 100 Mbit/s

struct LinkSpec {
    LinkEnds between;
    Micros latency = kDefaultLatency;             // one way
    std::uint64_t bandwidth = kDefaultBandwidth;  // bits per second
    double loss = 0.0;                            // probability a packet is lost, 0..1
    bool implicit = false;                        // true: the default host-to-internet link
    SourcePos where;
};

enum class DnsType { A, Mx };

struct DnsRecord {
    std::string name;  // the owner name: a host name (A) or a mail domain (MX)
    DnsType type = DnsType::A;
    std::string value;       // A: IPv4 address; MX: the mail server's host name
    int preference = 10;     // MX only
    bool from_file = false;  // written in [[world.dns]] rather than derived
    SourcePos where;
};

struct WorldSpec {
    std::vector<ServerSpec> servers;
    std::vector<DeviceSpec> devices;
    // Every link: one implicit link per host to "internet" (latency from
    // [world] latency), then the extra links the file declares. A file entry
    // between a host and "internet" replaces that host's implicit link.
    std::vector<LinkSpec> links;
    // The effective DNS: an A record per host and an MX per server domain,
    // except where [[world.dns]] declares records of the same name and type,
    // which replace them.
    std::vector<DnsRecord> dns;

    const ServerSpec* server(std::string_view name) const;
    const DeviceSpec* device(std::string_view name) const;
    const LinkSpec* link(std::string_view a, std::string_view b) const;
};

// ---------------------------------------------------------------- actions

// Which message an IMAP action acts on: the first whose subject contains the
// text, or the message with this sequence number (1 = the oldest).
struct MessageSelector {
    std::optional<std::string> subject;
    std::optional<int> index;
};

// Every device action names the device and the account it uses on it; the
// loader fills in the account when the device has only one, and resolves the
// client settings (tls, leave_on_server, ...) from the account when the action
// does not override them.
struct DeviceRef {
    std::string device;
    std::string account;  // DeviceAccountSpec::user
};

struct SendAction {
    DeviceRef who;
    std::string from;
    std::vector<std::string> to;
    std::string subject;
    std::string body;
    std::optional<std::uint64_t> size;  // pad the body with filler to this size
    std::uint16_t port = 587;           // 587 (submission) or 465 (submissions)
    Tls tls = Tls::StartTls;            // implicit exactly when port is 465
    std::vector<DsnNotify> notify;      // empty: no DSN requested
    // Envelope recipients that no header names (RFC 5322 §3.6.3, Bcc).
    std::vector<std::string> bcc;
    // The message this one answers (a subject in INBOX): after sending, the
    // device marks it \Answered, as mail programs do (RFC 9051 §2.3.2).
    std::optional<MessageSelector> answers;
    // After submitting, the device keeps a copy here by IMAP APPEND with \Seen, as
    // mail programs keep their Sent folder (RFC 3501 §6.3.11).
    std::optional<std::string> save_copy;
};

struct Pop3CheckAction {
    DeviceRef who;
    bool leave_on_server = false;
    // Download only messages whose UIDL the device has not seen; defaults to
    // leave_on_server (a client that deletes everything has nothing to skip).
    bool only_new = false;
    std::optional<int> delete_after_days;
    Tls tls = Tls::StartTls;
};

struct ImapSyncAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    Tls tls = Tls::StartTls;
};

struct ImapReadAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    MessageSelector message;
};

struct ImapFlagAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    MessageSelector message;
    std::vector<std::string> flags;
    bool set = true;  // false: remove the flags
};

struct ImapDeleteAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    MessageSelector message;
};

struct ImapExpungeAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
};

struct ImapMoveAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    MessageSelector message;
    std::string target;
};

struct ImapSearchAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    std::string criteria;  // IMAP SEARCH syntax, e.g. "UNSEEN FROM bob"
};

struct ImapThreadAction {  // UID THREAD REFERENCES (RFC 5256): the mailbox as conversations
    DeviceRef who;
    std::string mailbox = "INBOX";
};

// UID FETCH of chosen items of one message (RFC 9051 §6.4.5): headers only,
// one body part, the whole message.
struct ImapFetchAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    MessageSelector message;
    std::string items;  // e.g. "ENVELOPE BODYSTRUCTURE" or "BODY[2]"
};

struct ImapCreateAction {
    DeviceRef who;
    std::string mailbox;
};

// The device keeps a connection open in IDLE for `duration`, while the next
// actions go on: what changes on the server meanwhile is pushed to it.
struct ImapIdleAction {
    DeviceRef who;
    std::string mailbox = "INBOX";
    Tls tls = Tls::StartTls;
    Micros duration = 0;
};

struct DeviceOfflineAction {
    std::string device;
};
struct DeviceOnlineAction {
    std::string device;
};
struct LinkDownAction {
    LinkEnds between;
};
struct LinkUpAction {
    LinkEnds between;
};
struct ServerDownAction {
    std::string server;
};
struct ServerUpAction {
    std::string server;
};
// The process dies: what is not persistent is lost. Comes back with server-up.
struct ServerCrashAction {
    std::string server;
};
// Stop and start at once, keeping what is persistent.
struct ServerRestartAction {
    std::string server;
};
struct WaitAction {
    Micros duration = 0;
};
// Start showing what a sniffer on this link sees, for the rest of the lesson.
struct SniffAction {
    LinkEnds between;
};

// A person typing protocol commands by hand (like telnet or openssl s_client)
// from a device to a server's port; each line is sent as one command.
struct TypeAction {
    std::string device;
    std::string server;
    std::uint16_t port = 25;  // a port of a service the server runs
    std::vector<std::string> lines;
};

using ActionKind =
    std::variant<SendAction, Pop3CheckAction, ImapSyncAction, ImapReadAction, ImapFlagAction,
                 ImapDeleteAction, ImapExpungeAction, ImapMoveAction, ImapSearchAction,
                 ImapThreadAction, ImapFetchAction, ImapCreateAction, ImapIdleAction,
                 DeviceOfflineAction, DeviceOnlineAction, LinkDownAction, LinkUpAction,
                 ServerDownAction, ServerUpAction, ServerCrashAction, ServerRestartAction,
                 WaitAction, SniffAction, TypeAction>;

struct Action {
    ActionKind kind;
    std::string name;  // the `do` value, e.g. "pop3-check"
    SourcePos where;
};

// ---------------------------------------------------------------- checks

struct MailboxCountCheck {
    std::string server;
    std::string account;
    std::string mailbox = "INBOX";
    int equals = 0;
};

// Messages the device holds locally (POP3 downloads, IMAP cache).
struct DeviceCountCheck {
    std::string device;
    std::optional<std::string> account;  // unset: all accounts together
    int equals = 0;
};

struct QueueCountCheck {
    std::string server;
    int equals = 0;
};

struct HasFlagCheck {
    std::string server;
    std::string account;
    std::string mailbox = "INBOX";
    std::string subject;  // the first message whose subject contains this
    std::string flag;
    bool present = true;
};

struct DeviceHasCheck {
    std::string device;
    std::string subject;
    bool present = true;
};

// A flag of a message as the device last saw it (its IMAP cache).
struct DeviceHasFlagCheck {
    std::string device;
    std::string subject;  // the first message whose subject contains this
    std::string flag;     // one whole flag, compared without regard to case
    bool present = true;
};

// How a reply check's text is compared with each line of a reply: anywhere
// in it (`contains`), as the whole line (`line`) or as its beginning
// (`starts`). The last two also compare after a line's first word, so an
// IMAP tag ("A7 OK ...") need not be known.
enum class ReplyMatch { Contains, Line, Starts };

// Some reply seen in a session of the device or server, during this step.
struct ReplyCheck {
    std::optional<std::string> device;
    std::optional<std::string> server;
    std::optional<std::string> command;  // the reply must answer a command starting so
    std::string text;
    ReplyMatch match = ReplyMatch::Contains;
    bool present = true;
};

struct DsnReceivedCheck {
    std::string server;
    std::string account;
    DsnKind kind = DsnKind::Success;
    bool present = true;
};

struct SnifferSawCheck {
    LinkEnds between;
    std::string text;
    bool present = true;
};

// The raw text (headers and body) of a message in a server mailbox.
struct MessageContainsCheck {
    std::string server;
    std::string account;
    std::string mailbox = "INBOX";
    std::string subject;  // the first message whose subject contains this
    std::string text;
    bool present = true;
};

// The packet that carried a device's command during this step, layer by
// layer: IP addresses, the server's TCP port, TLS or not, the command itself.
struct PacketCheck {
    std::string device;
    std::string command;      // e.g. "MAIL", as in a reply check
    std::uint16_t port = 0;   // the server's TCP port it went to
    std::optional<bool> tls;  // inside TLS records (true) or in the clear (false)
};

using CheckKind = std::variant<MailboxCountCheck, DeviceCountCheck, QueueCountCheck, HasFlagCheck,
                               DeviceHasCheck, DeviceHasFlagCheck, ReplyCheck, DsnReceivedCheck,
                               SnifferSawCheck, MessageContainsCheck, PacketCheck>;

struct Check {
    CheckKind kind;
    std::string name;  // the `check` value, e.g. "mailbox-count"
    std::string say;   // the claim shown with ✓ or ✗; empty: the runner describes it
    SourcePos where;
};

// ---------------------------------------------------------------- lesson

struct QuizQuestion {
    std::string question;
    std::vector<std::string> choices;
    std::size_t answer = 0;  // index into choices (the file counts from 1)
    std::string explanation;
    SourcePos where;
};

struct StepSpec {
    std::string title;
    std::string narration;
    std::vector<Action> actions;
    std::vector<Check> checks;
    // "What will happen?": asked after the narration, before the actions run.
    std::optional<QuizQuestion> predict;
    SourcePos where;
};

struct LessonSpec {
    std::string id;  // lowercase words joined by dashes, e.g. "pop3-vs-imap"
    std::string title;
    std::string summary;
    Level level = Level::Beginner;
    int minutes = 0;
    std::optional<std::uint64_t> seed;
    WorldSpec world;
    std::vector<StepSpec> steps;
    std::vector<QuizQuestion> quiz;

    std::size_t check_count() const;
};

}  // namespace maillab::sim::lesson
