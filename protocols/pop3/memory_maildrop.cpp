#include "protocols/pop3/memory_maildrop.hpp"

#include "protocols/core/line_endings.hpp"

#include <algorithm>
#include <cstdio>

namespace maillab::protocols::pop3 {

bool is_valid_uid(std::string_view uid) {
    if (uid.empty() || uid.size() > kMaxUidOctets) return false;
    return std::all_of(uid.begin(), uid.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
}

std::string to_crlf(std::string_view bytes) {
    return core::to_crlf(bytes);
}

// Releases the user's lock when the session lets go of it.
class MemoryMaildrop::Lock : public MaildropLock {
public:
    Lock(std::set<std::string, std::less<>>& locked, std::string user)
        : locked_(locked), user_(std::move(user)) {}
    ~Lock() override { locked_.erase(user_); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

private:
    std::set<std::string, std::less<>>& locked_;
    std::string user_;
};

void MemoryMaildrop::add_user(const std::string& user, const std::string& password) {
    accounts_[user].password = password;
}

std::string MemoryMaildrop::add_message(const std::string& user, std::string_view bytes) {
    char uid[32];
    std::snprintf(uid, sizeof uid, "%08zx.mem", next_uid_++);
    accounts_[user].inbox.push_back(StoredMessage{uid, to_crlf(bytes)});
    return uid;
}

std::vector<MemoryMaildrop::StoredMessage> MemoryMaildrop::messages(const std::string& user) const {
    const auto it = accounts_.find(user);
    if (it == accounts_.end()) return {};
    return it->second.inbox;
}

void MemoryMaildrop::set_auth_override(const std::string& user, AuthResult result) {
    accounts_[user].auth_override = result;
}

MemoryMaildrop::Account* MemoryMaildrop::find(std::string_view user) {
    const auto it = accounts_.find(user);
    return it == accounts_.end() ? nullptr : &it->second;
}

AuthResult MemoryMaildrop::authenticate(std::string_view user, std::string_view password) {
    Account* account = find(user);
    if (account == nullptr || account->password != password) return AuthResult::Rejected;
    return account->auth_override.value_or(AuthResult::Ok);
}

std::optional<std::string> MemoryMaildrop::apop_secret(std::string_view user) {
    Account* account = find(user);
    if (account == nullptr) return std::nullopt;
    return account->password;
}

std::unique_ptr<MaildropLock> MemoryMaildrop::lock(std::string_view user) {
    if (locked_.count(user) != 0) return nullptr;
    std::string name{user};
    locked_.insert(name);
    return std::make_unique<Lock>(locked_, std::move(name));
}

std::optional<std::vector<MaildropMessage>> MemoryMaildrop::snapshot(std::string_view user) {
    std::vector<MaildropMessage> out;
    if (Account* account = find(user)) {
        for (const auto& m : account->inbox)
            out.push_back(MaildropMessage{m.uid, m.bytes.size()});
    }
    return out;
}

std::optional<std::string> MemoryMaildrop::read(std::string_view user, std::string_view uid) {
    Account* account = find(user);
    if (account == nullptr) return std::nullopt;
    for (const auto& m : account->inbox) {
        if (m.uid == uid) return m.bytes;
    }
    return std::nullopt;
}

bool MemoryMaildrop::remove(std::string_view user, const std::vector<std::string>& uids) {
    Account* account = find(user);
    if (account == nullptr) return uids.empty();
    std::erase_if(account->inbox, [&](const StoredMessage& m) {
        return std::find(uids.begin(), uids.end(), m.uid) != uids.end();
    });
    return true;
}

}  // namespace maillab::protocols::pop3
