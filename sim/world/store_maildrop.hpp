// StoreMaildrop: POP3's view of a MailStore — the INBOX of an account, its
// UIDL ids made from UIDVALIDITY and UID (stable across sessions), and the
// exclusive lock RFC 1939 §8 asks for while a session is in TRANSACTION.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "protocols/pop3/maildrop.hpp"
#include "protocols/store/account_directory.hpp"
#include "protocols/store/mail_store.hpp"

namespace maillab::sim {

class StoreMaildrop : public protocols::pop3::Maildrop {
public:
    StoreMaildrop(protocols::store::MailStore& store, protocols::store::AccountDirectory& accounts)
        : store_(store), accounts_(accounts), locked_(std::make_shared<std::set<std::string>>()) {}

    protocols::pop3::AuthResult authenticate(std::string_view user,
                                             std::string_view password) override;
    std::optional<std::string> apop_secret(std::string_view user) override;
    std::unique_ptr<protocols::pop3::MaildropLock> lock(std::string_view user) override;
    std::optional<std::vector<protocols::pop3::MaildropMessage>> snapshot(
        std::string_view user) override;
    std::optional<std::string> read(std::string_view user, std::string_view uid) override;
    bool remove(std::string_view user, const std::vector<std::string>& uids) override;

    // For APOP the lab keeps the passwords it was given (RFC 1939 §7 needs the secret).
    void remember_secret(std::string user, std::string password);

private:
    protocols::store::MailStore& store_;
    protocols::store::AccountDirectory& accounts_;
    std::shared_ptr<std::set<std::string>> locked_;
    std::map<std::string, std::string, std::less<>> secrets_;
};

}  // namespace maillab::sim
