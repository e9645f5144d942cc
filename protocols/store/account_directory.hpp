// AccountDirectory: who may log in and how much each account may store.
//
// Names are validated once here (they become Maildir directory names):
// 1 to kMaxAccountNameOctets octets of letters, digits and "._+-@", not
// starting with '.'. Passwords are compared in constant time (the SHA-256
// digests are compared with CRYPTO_memcmp), and an unknown name costs the
// same work as a wrong password, so timing tells an attacker nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/store/store_result.hpp"

namespace maillab::protocols::store {

inline constexpr std::size_t kMaxAccountNameOctets = 64;
inline constexpr std::size_t kMaxPasswordOctets = 1024;

// RFC 9208 resources; an empty optional means no limit.
struct QuotaLimits {
    std::optional<std::uint64_t> storage_octets;
    std::optional<std::uint64_t> messages;

    bool limits_anything() const { return storage_octets || messages; }
};

bool is_valid_account_name(std::string_view name);

class AccountDirectory {
public:
    Status add_account(std::string_view name, std::string_view password, QuotaLimits limits = {});
    Status set_password(std::string_view name, std::string_view password);
    Status set_quota(std::string_view name, QuotaLimits limits);

    bool exists(std::string_view name) const;
    bool authenticate(std::string_view name, std::string_view password) const;
    std::optional<QuotaLimits> quota(std::string_view name) const;

private:
    struct Account {
        std::string password;
        QuotaLimits limits;
    };
    std::map<std::string, Account, std::less<>> accounts_;
};

}  // namespace maillab::protocols::store
