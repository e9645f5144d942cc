#include "sim/world/store_maildrop.hpp"

#include <charconv>

namespace maillab::sim {

namespace pop3 = protocols::pop3;
namespace store = protocols::store;

namespace {

constexpr std::string_view kInbox = "INBOX";

class SetLock : public pop3::MaildropLock {
public:
    SetLock(std::shared_ptr<std::set<std::string>> set, std::string user)
        : set_(std::move(set)), user_(std::move(user)) {}
    ~SetLock() override { set_->erase(user_); }

private:
    std::shared_ptr<std::set<std::string>> set_;
    std::string user_;
};

std::string uidl_of(store::Uid uidvalidity, store::Uid uid) {
    return std::to_string(uidvalidity) + "." + std::to_string(uid);
}

std::optional<store::Uid> uid_from_uidl(std::string_view uidl) {
    const auto dot = uidl.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    store::Uid uid = 0;
    const auto tail = uidl.substr(dot + 1);
    const auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), uid);
    if (ec != std::errc{} || end != tail.data() + tail.size()) return std::nullopt;
    return uid;
}

}  // namespace

pop3::AuthResult StoreMaildrop::authenticate(std::string_view user, std::string_view password) {
    return accounts_.authenticate(user, password) ? pop3::AuthResult::Ok
                                                  : pop3::AuthResult::Rejected;
}

void StoreMaildrop::remember_secret(std::string user, std::string password) {
    secrets_[std::move(user)] = std::move(password);
}

std::optional<std::string> StoreMaildrop::apop_secret(std::string_view user) {
    const auto it = secrets_.find(user);
    if (it == secrets_.end()) return std::nullopt;
    return it->second;
}

std::unique_ptr<pop3::MaildropLock> StoreMaildrop::lock(std::string_view user) {
    if (!locked_->insert(std::string{user}).second) return nullptr;
    return std::make_unique<SetLock>(locked_, std::string{user});
}

std::optional<std::vector<pop3::MaildropMessage>> StoreMaildrop::snapshot(std::string_view user) {
    const auto status = store_.status(user, kInbox);
    const auto messages = store_.messages(user, kInbox);
    if (!status || !messages) return std::nullopt;
    std::vector<pop3::MaildropMessage> out;
    for (const auto& m : messages.value()) {
        out.push_back(
            {uidl_of(status.value().uidvalidity, m.uid), static_cast<std::size_t>(m.size)});
    }
    return out;
}

std::optional<std::string> StoreMaildrop::read(std::string_view user, std::string_view uidl) {
    const auto uid = uid_from_uidl(uidl);
    if (!uid) return std::nullopt;
    auto bytes = store_.read_message(user, kInbox, *uid);
    if (!bytes) return std::nullopt;
    return std::move(bytes.value());
}

bool StoreMaildrop::remove(std::string_view user, const std::vector<std::string>& uidls) {
    std::vector<store::Uid> uids;
    for (const auto& u : uidls) {
        if (const auto uid = uid_from_uidl(u)) uids.push_back(*uid);
    }
    const auto removed = store_.expunge(user, kInbox, uids);
    return removed && removed.value().size() == uids.size();
}

}  // namespace maillab::sim
