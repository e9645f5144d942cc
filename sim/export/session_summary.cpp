#include "sim/export/session_summary.hpp"

#include "sim/export/session_phase.hpp"
#include "sim/export/text_layout.hpp"

namespace maillab::sim {

namespace {

// The word after the verb: "USER alice" → "alice", "A2 LOGIN alice x" → "alice".
std::string argument_after(std::string_view line, std::string_view verb) {
    line = first_line(line);
    std::size_t at = 0;
    while (at < line.size()) {
        const std::size_t end = std::min(line.find(' ', at), line.size());
        std::string word{line.substr(at, end - at)};
        for (char& c : word)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (word == verb) {
            const std::size_t next = std::min(line.find(' ', end + 1), line.size());
            std::string arg = end < line.size() ? std::string{line.substr(end + 1, next - end - 1)}
                                                : std::string{};
            if (arg.size() >= 2 && arg.front() == '"' && arg.back() == '"')
                arg = arg.substr(1, arg.size() - 2);
            return arg;
        }
        at = end + 1;
    }
    return {};
}

}  // namespace

void SessionSummary::add(const Trace& trace, const Event& e) {
    const std::string_view payload = trace.payload(e);
    switch (e.kind) {
        case EventKind::TlsEstablished:
            tls_ = std::string{payload.substr(0, payload.find(','))};
            break;
        case EventKind::SessionNote:
            // The engines' own note: "TLS 1.3 established, TLS_AES_256_GCM_SHA384".
            if (payload.starts_with("TLS ") && payload.find(" established") != payload.npos)
                tls_ = std::string{payload.substr(0, payload.find(" established"))};
            break;
        case EventKind::Command: {
            const std::string verb = command_verb(payload);
            if (verb == "STARTTLS" || verb == "STLS") upgrade_ = verb;
            if (verb == "EHLO" || verb == "HELO") hello_ = true;
            if (verb == "LIST" || verb == "LSUB") folders_ = true;
            if (verb == "AUTH" || verb == "AUTHENTICATE" || verb == "PASS" || verb == "LOGIN")
                clear_password_ = clear_password_ || (tls_.empty() && upgrade_.empty());
            if (verb == "AUTH" || verb == "AUTHENTICATE" || verb == "APOP" || verb == "PASS")
                authenticated_ = true;
            if (verb == "USER" || verb == "LOGIN") login_ = argument_after(payload, verb);
            if (verb == "APOP") login_ = argument_after(payload, verb);
            if (verb == "LOGIN") authenticated_ = true;
            if (closing_command(payload)) closing_ = verb;
            break;
        }
        case EventKind::Reply:
            if (!closing_.empty() && answer_.empty())
                answer_ = printable(std::string{first_line(payload)});
            break;
        default:
            break;
    }
}

std::string SessionSummary::start() const {
    std::string out = "connected";
    if (hello_) out += ", EHLO";
    if (!tls_.empty() || !upgrade_.empty())
        out += ", " + (tls_.empty() ? std::string{"TLS"} : tls_) +
               (upgrade_.empty() ? "" : " via " + upgrade_);
    if (authenticated_) out += login_.empty() ? ", logged in" : ", logged in as " + login_;
    if (authenticated_ && clear_password_) out += " with the password in clear";
    if (folders_) out += ", folders listed";
    return out;
}

std::string SessionSummary::close() const {
    return closing_ + (answer_.empty() ? "" : ": " + answer_);
}

}  // namespace maillab::sim
