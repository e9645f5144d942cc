#include "sim/export/session_phase.hpp"

#include <algorithm>
#include <array>

namespace maillab::sim {

namespace {

// Verbs that only set a session up, in SMTP, POP3 and IMAP.
constexpr std::array<std::string_view, 18> kRoutineVerbs{
    "EHLO",       "HELO",   "STARTTLS", "AUTH", "CAPA", "STLS", "USER",      "PASS",         "APOP",
    "CAPABILITY", "ENABLE", "LOGIN",    "ID",   "LIST", "LSUB", "NAMESPACE", "AUTHENTICATE", "NOOP",
};
constexpr std::array<std::string_view, 2> kClosingVerbs{"QUIT", "LOGOUT"};
// Response codes that describe a mailbox being opened (RFC 3501 §7.1, RFC 7162 §3.1.2.1).
constexpr std::array<std::string_view, 6> kStatusCodes{
    "UNSEEN", "UIDVALIDITY", "UIDNEXT", "PERMANENTFLAGS", "HIGHESTMODSEQ", "NOMODSEQ"};

std::string_view first_word(std::string_view line) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string_view::npos) return {};
    line.remove_prefix(start);
    return line.substr(0, line.find_first_of(" \r\n"));
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& verbs, std::string_view word) {
    return std::find(verbs.begin(), verbs.end(), word) != verbs.end();
}

bool known_verb(std::string_view word) {
    return listed(kRoutineVerbs, word) || listed(kClosingVerbs, word);
}

std::string upper(std::string_view word) {
    std::string out{word};
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace

std::string command_verb(std::string_view line) {
    const std::string first = upper(first_word(line));
    // SMTP and POP3 verbs are letters only; an IMAP tag ("A2", "a001") is not.
    const bool letters = !first.empty() && std::all_of(first.begin(), first.end(),
                                                       [](char c) { return c >= 'A' && c <= 'Z'; });
    if (known_verb(first) || letters) return first;
    const std::size_t tag_end = line.find(' ');
    if (tag_end == std::string_view::npos) return first;
    return upper(first_word(line.substr(tag_end + 1)));
}

bool routine_command(std::string_view line) {
    return listed(kRoutineVerbs, command_verb(line));
}

bool closing_command(std::string_view line) {
    return listed(kClosingVerbs, command_verb(line));
}

bool mailbox_status_reply(std::string_view reply) {
    if (!reply.starts_with("* ")) return false;
    reply.remove_prefix(2);
    if (reply.starts_with("FLAGS ")) return true;
    if (reply.starts_with("OK [")) {
        reply.remove_prefix(4);
        const std::string code = upper(reply.substr(0, reply.find_first_of(" ]")));
        return listed(kStatusCodes, code);
    }
    const std::size_t digits = reply.find_first_not_of("0123456789");
    return digits > 0 && digits != std::string_view::npos &&
           reply.substr(digits).starts_with(" RECENT");
}

bool refusal_reply(std::string_view reply) {
    // A multi-line reply's verdict is its last line.
    while (!reply.empty() && (reply.back() == '\n' || reply.back() == '\r'))
        reply.remove_suffix(1);
    if (const std::size_t lf = reply.rfind('\n'); lf != std::string_view::npos)
        reply.remove_prefix(lf + 1);
    if (reply.starts_with("-ERR")) return true;
    if (reply.size() >= 3 && (reply[0] == '4' || reply[0] == '5') && reply[1] >= '0' &&
        reply[1] <= '9' && reply[2] >= '0' && reply[2] <= '9')
        return true;
    // IMAP: "tag NO ..." or "tag BAD ..."; an untagged "* NO" is a warning, not an answer.
    if (reply.starts_with("* ") || reply.starts_with("+")) return false;
    const std::string status =
        upper(first_word(reply.substr(std::min(reply.find(' '), reply.size()))));
    return status == "NO" || status == "BAD";
}

}  // namespace maillab::sim
