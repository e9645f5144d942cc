// POP3 client session: the sans-I/O engine simulated devices (and later the
// lessons) use to fetch mail, doing what real mail clients offer:
//   - log in with USER/PASS, APOP (RFC 1939 §7) or AUTH PLAIN (RFC 5034),
//   - switch to TLS with STLS when offered, or refuse to go on without it
//     (RFC 2595), or start secure (implicit TLS, port 995),
//   - download every message or only new ones (those whose UIDL is not among
//     the uids the device already has),
//   - delete each message after downloading it, or leave it on the server,
//   - "delete from server after N days": the device passes the known uids
//     that are older than N days (the engine has no clock) and they get DELE.
// It asks CAPA first, sends one command at a time, handles -ERR at every
// step, and sends QUIT only when the work is done, so deletions are committed
// only by a clean QUIT (RFC 1939 §6). A dropped connection commits nothing.
// Each downloaded message and each deletion is reported as an outcome (and a
// Note event) so the device's local copy can change in the trace.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"
#include "protocols/core/tls_policy.hpp"
#include "protocols/pop3/command_parser.hpp"
#include "protocols/pop3/response.hpp"

namespace maillab::protocols::pop3 {

// How long the client waits for any reply before giving up.
inline constexpr std::chrono::milliseconds kClientReplyTimeout = std::chrono::minutes{10};

enum class LoginMethod { UserPass, Apop, SaslPlain };
using core::TlsPolicy;

struct ClientOptions {
    std::string user;
    std::string password;
    LoginMethod login = LoginMethod::UserPass;
    TlsPolicy tls = TlsPolicy::Never;
    bool tls_active = false;             // implicit TLS: secure from the first byte
    bool only_new = false;               // skip messages whose uid is in known_uids
    std::set<std::string> known_uids;    // uids the device already has
    bool delete_after_download = true;   // false: leave a copy on the server
    std::set<std::string> expired_uids;  // known uids older than N days: delete them
};

struct ClientOutcome {
    enum class Kind {
        Downloaded,  // number, uid and bytes of a message RETR returned
        Marked,      // DELE accepted for uid; removed only if QUIT succeeds
        Committed,   // QUIT succeeded: every Marked uid is gone from the server
    };
    Kind kind = Kind::Downloaded;
    std::size_t number = 0;
    std::string uid;
    std::string bytes;

    bool operator==(const ClientOutcome&) const = default;
};

struct ClientReport {
    bool logged_in = false;
    bool tls_used = false;
    bool committed = false;                // QUIT after login answered +OK
    std::vector<std::string> server_uids;  // what UIDL listed (empty if no UIDL)
    std::vector<std::string> downloaded;   // uids, in order
    std::vector<std::string> marked;       // uids given DELE
    std::string error;                     // why the session stopped early, if it did
};

class ClientSession : public core::SessionBase {
public:
    explicit ClientSession(ClientOptions options);

    void start() override {}
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    const ClientReport& report() const { return report_; }
    // Outcomes since the last call, in order.
    std::vector<ClientOutcome> take_outcomes() { return std::exchange(outcomes_, {}); }

private:
    enum class Step {
        Greeting,
        Capa,
        Stls,
        AwaitTls,
        Login,
        Pass,
        Listing,
        Stat,
        Work,
        Quit,
        Done
    };
    struct Action {
        Verb verb;  // Retr or Dele
        std::size_t number;
        std::string uid;
    };

    std::size_t stat_count_ = 0;  // messages STAT reported

    void on_response(const Response& r);
    void send_command(Verb verb, std::string line, bool multiline);
    void fail(std::string error);   // QUIT politely, nothing more
    void abort(std::string error);  // close at once (protocol error)
    void finish(std::string reason);

    // client_steps.cpp
    void after_greeting(const Response& r);
    void after_capa(const Response& r);
    void after_stls(const Response& r);
    void begin_login();
    void after_login(const Response& r);
    void after_listing(const Response& r);
    void after_stat(const Response& r);
    void plan_work(const std::vector<std::pair<std::size_t, std::string>>& messages);
    void next_action();
    void after_action(const Response& r);
    void after_quit(const Response& r);

    ClientOptions options_;
    core::LineFramer framer_;
    ResponseReader reader_;
    Step step_ = Step::Greeting;
    Verb sent_ = Verb::Unknown;
    std::string apop_timestamp_;
    std::set<std::string> capabilities_;
    bool capa_known_ = false;
    std::vector<Action> actions_;
    std::size_t next_action_ = 0;
    ClientReport report_;
    std::vector<ClientOutcome> outcomes_;
};

}  // namespace maillab::protocols::pop3
