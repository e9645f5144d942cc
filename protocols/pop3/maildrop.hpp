// Maildrop: the narrow view of a mail store that a POP3 server needs (RFC 1939
// §3: "the maildrop"). POP3 sees only INBOX. The server authenticates, locks
// the maildrop for the whole TRANSACTION state, works on a snapshot taken at
// login (message numbers never change under a session), and removes messages
// only in the UPDATE state.
//
// The MailStore adapter implements this interface; MemoryMaildrop
// (memory_maildrop.hpp) is the in-memory implementation for tests and the
// simulator until then.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::pop3 {

// One message as POP3 shows it. The uid is the UIDL unique id (RFC 1939 §7:
// 1 to 70 characters in 0x21..0x7E, stable across sessions); size is the
// exact number of octets RETR sends before byte-stuffing, with CRLF line ends.
struct MaildropMessage {
    std::string uid;
    std::size_t size = 0;

    bool operator==(const MaildropMessage&) const = default;
};

enum class AuthResult {
    Ok,
    Rejected,          // wrong user or password: -ERR [AUTH]
    LoginDelay,        // the user logged in too recently: -ERR [LOGIN-DELAY] (RFC 2449 §8.1.1)
    TemporaryFailure,  // the store cannot answer now: -ERR [SYS/TEMP] (RFC 3206 §4)
};

// Held while a session is in TRANSACTION; destroying it releases the lock.
class MaildropLock {
public:
    virtual ~MaildropLock() = default;
};

class Maildrop {
public:
    virtual ~Maildrop() = default;

    virtual AuthResult authenticate(std::string_view user, std::string_view password) = 0;
    // The shared secret APOP hashes (RFC 1939 §7); nothing if the user is
    // unknown or APOP is not possible for them.
    virtual std::optional<std::string> apop_secret(std::string_view user) = 0;
    // The exclusive lock of RFC 1939 §8; null when another session holds it.
    virtual std::unique_ptr<MaildropLock> lock(std::string_view user) = 0;
    // The messages of INBOX in order; nothing on a temporary failure.
    virtual std::optional<std::vector<MaildropMessage>> snapshot(std::string_view user) = 0;
    // The message bytes (CRLF line ends, size octets); nothing if it is gone.
    virtual std::optional<std::string> read(std::string_view user, std::string_view uid) = 0;
    // Called only in the UPDATE state. False if some could not be removed.
    virtual bool remove(std::string_view user, const std::vector<std::string>& uids) = 0;
};

// RFC 1939 §7: a unique-id is 1 to 70 characters in the range 0x21 to 0x7E.
inline constexpr std::size_t kMaxUidOctets = 70;
bool is_valid_uid(std::string_view uid);

}  // namespace maillab::protocols::pop3
