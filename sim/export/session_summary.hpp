// What a folded phase of a session did, in one phrase for the transcript:
// "connected, TLS 1.3 via STLS, logged in as alice, folders listed" (or
// "logged in as alice with the password in clear" without TLS) for a
// session's routine start, "QUIT: 221 2.0.0 Bye" for its close. Fed the
// phase's events one by one (sim/export/session_phase says which).
#pragma once

#include <string>
#include <string_view>

#include "sim/trace/trace.hpp"

namespace maillab::sim {

class SessionSummary {
public:
    void add(const Trace& trace, const Event& e);

    // The start of a session: what was set up.
    std::string start() const;
    // The close of a session: the command and the server's first answer line.
    std::string close() const;

private:
    std::string tls_;      // "TLS 1.3"
    std::string upgrade_;  // "STARTTLS" or "STLS" when TLS came after plain text
    std::string login_;    // the account named by USER or LOGIN
    bool authenticated_ = false;
    bool clear_password_ = false;  // sent before any TLS: a sniffer reads it
    bool hello_ = false;           // EHLO/HELO
    bool folders_ = false;         // LIST/LSUB
    std::string closing_;          // QUIT or LOGOUT
    std::string answer_;           // the first line of the answer to it
};

}  // namespace maillab::sim
