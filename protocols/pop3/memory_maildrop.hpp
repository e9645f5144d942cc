// MemoryMaildrop: an in-memory Maildrop for tests, the fuzz target and the
// simulator until the MailStore adapter exists. Users have a password (used
// for USER/PASS, AUTH PLAIN and as the APOP secret) and an ordered INBOX.
// Lock handles must not outlive the MemoryMaildrop that issued them.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "protocols/pop3/maildrop.hpp"

namespace maillab::protocols::pop3 {

class MemoryMaildrop : public Maildrop {
public:
    struct StoredMessage {
        std::string uid;
        std::string bytes;  // CRLF line ends
    };

    void add_user(const std::string& user, const std::string& password);
    // Stores a message (bare LF line ends become CRLF) and returns its uid.
    std::string add_message(const std::string& user, std::string_view bytes);
    std::vector<StoredMessage> messages(const std::string& user) const;
    bool is_locked(const std::string& user) const { return locked_.count(user) != 0; }
    // Makes authenticate() answer LoginDelay or TemporaryFailure for a user.
    void set_auth_override(const std::string& user, AuthResult result);

    AuthResult authenticate(std::string_view user, std::string_view password) override;
    std::optional<std::string> apop_secret(std::string_view user) override;
    std::unique_ptr<MaildropLock> lock(std::string_view user) override;
    std::optional<std::vector<MaildropMessage>> snapshot(std::string_view user) override;
    std::optional<std::string> read(std::string_view user, std::string_view uid) override;
    bool remove(std::string_view user, const std::vector<std::string>& uids) override;

private:
    struct Account {
        std::string password;
        std::vector<StoredMessage> inbox;
        std::optional<AuthResult> auth_override;
    };
    class Lock;

    Account* find(std::string_view user);

    std::map<std::string, Account, std::less<>> accounts_;
    std::set<std::string, std::less<>> locked_;
    std::size_t next_uid_ = 1;
};

// Bare LF and bare CR become CRLF, and a last line without an end gets one:
// the form POP3 sizes and sends (RFC 1939 §3).
std::string to_crlf(std::string_view bytes);

}  // namespace maillab::protocols::pop3
