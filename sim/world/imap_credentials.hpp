// ImapCredentials: the IMAP server's login question answered by the mail
// server's account directory (the same passwords SMTP AUTH and POP3 use).
#pragma once

#include "protocols/imap/server_session.hpp"
#include "protocols/store/account_directory.hpp"

namespace maillab::sim {

class ImapCredentials : public protocols::imap::CredentialCheck {
public:
    explicit ImapCredentials(const protocols::store::AccountDirectory& accounts)
        : accounts_(accounts) {}

    bool check(std::string_view user, std::string_view password) const override {
        return accounts_.authenticate(user, password);
    }

private:
    const protocols::store::AccountDirectory& accounts_;
};

}  // namespace maillab::sim
