// DirectoryCredentials: the IMAP session's login question answered by the
// store's account directory (world servers, test fixtures, the sim bench).
#pragma once

#include <string_view>

#include "protocols/imap/server_session.hpp"
#include "protocols/store/account_directory.hpp"

namespace maillab::protocols::imap {

class DirectoryCredentials : public CredentialCheck {
public:
    explicit DirectoryCredentials(const store::AccountDirectory& accounts) : accounts_(accounts) {}
    bool check(std::string_view user, std::string_view password) const override {
        return accounts_.authenticate(user, password);
    }

private:
    const store::AccountDirectory& accounts_;
};

}  // namespace maillab::protocols::imap
