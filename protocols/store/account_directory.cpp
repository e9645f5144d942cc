#include "protocols/store/account_directory.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>

namespace maillab::protocols::store {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

Digest digest_of(std::string_view text) {
    Digest digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return digest;
}

bool is_name_octet(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._+-@").find(c) != std::string_view::npos;
}

}  // namespace

bool is_valid_account_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxAccountNameOctets && name[0] != '.' &&
           std::all_of(name.begin(), name.end(), is_name_octet);
}

Status AccountDirectory::add_account(std::string_view name, std::string_view password,
                                     QuotaLimits limits) {
    if (!is_valid_account_name(name)) {
        return store_error(StoreErrorCode::InvalidName,
                           "account names use letters, digits and ._+-@ and do not start with '.'");
    }
    if (password.size() > kMaxPasswordOctets) {
        return store_error(StoreErrorCode::LimitExceeded, "the password is too long");
    }
    if (exists(name)) return store_error(StoreErrorCode::AlreadyExists, "the account exists");
    accounts_.emplace(std::string(name), Account{std::string(password), limits});
    return ok_status();
}

Status AccountDirectory::set_password(std::string_view name, std::string_view password) {
    const auto found = accounts_.find(name);
    if (found == accounts_.end()) return store_error(StoreErrorCode::NoSuchAccount, "no account");
    if (password.size() > kMaxPasswordOctets) {
        return store_error(StoreErrorCode::LimitExceeded, "the password is too long");
    }
    found->second.password = std::string(password);
    return ok_status();
}

Status AccountDirectory::set_quota(std::string_view name, QuotaLimits limits) {
    const auto found = accounts_.find(name);
    if (found == accounts_.end()) return store_error(StoreErrorCode::NoSuchAccount, "no account");
    found->second.limits = limits;
    return ok_status();
}

bool AccountDirectory::exists(std::string_view name) const {
    return accounts_.contains(name);
}

bool AccountDirectory::authenticate(std::string_view name, std::string_view password) const {
    const auto found = accounts_.find(name);
    // An unknown name is compared against a fixed string so that it costs the same.
    const std::string_view expected = found == accounts_.end()
                                          ? std::string_view("maillab-no-such-account")
                                          : std::string_view(found->second.password);
    const Digest given = digest_of(password.substr(0, kMaxPasswordOctets + 1));
    const Digest wanted = digest_of(expected);
    const bool same = CRYPTO_memcmp(given.data(), wanted.data(), given.size()) == 0;
    return same && found != accounts_.end();
}

std::optional<QuotaLimits> AccountDirectory::quota(std::string_view name) const {
    const auto found = accounts_.find(name);
    if (found == accounts_.end()) return std::nullopt;
    return found->second.limits;
}

}  // namespace maillab::protocols::store
