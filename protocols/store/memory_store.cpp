#include "protocols/store/memory_store.hpp"

namespace maillab::protocols::store {

// Nothing is kept outside the metadata the base class already holds, so most
// hooks have nothing to do.
Status MemoryStore::load_account(const std::string&, AccountState&) {
    return ok_status();
}
Status MemoryStore::refresh_account(const std::string&, AccountState&) {
    return ok_status();
}
Status MemoryStore::refresh_mailbox(const std::string&, MailboxState&) {
    return ok_status();
}
Status MemoryStore::create_storage(const std::string&, const MailboxState&) {
    return ok_status();
}
Status MemoryStore::rename_storage(const std::string&, const std::string&, const MailboxState&) {
    return ok_status();
}
Status MemoryStore::write_flags(const std::string&, const MailboxState&, StoredMessage&) {
    return ok_status();
}
Status MemoryStore::save_mailbox(const std::string&, const MailboxState&) {
    return ok_status();
}
Status MemoryStore::save_subscriptions(const std::string&, const AccountState&) {
    return ok_status();
}

Result<Uid> MemoryStore::new_uidvalidity(const std::string&) {
    return ++last_uidvalidity_;
}

Status MemoryStore::delete_storage(const std::string&, const MailboxState& box) {
    for (const auto& message : box.messages)
        bodies_.erase(message.key);
    return ok_status();
}

Status MemoryStore::write_message(const std::string&, const MailboxState&, StoredMessage& message,
                                  std::string_view bytes) {
    message.key = std::to_string(++last_key_);
    bodies_.emplace(message.key, std::string(bytes));
    return ok_status();
}

Result<std::string> MemoryStore::read_bytes(const std::string&, const MailboxState&,
                                            const StoredMessage& message) {
    const auto found = bodies_.find(message.key);
    if (found == bodies_.end()) {
        return store_error(StoreErrorCode::NoSuchMessage, "the message is gone");
    }
    return found->second;
}

Status MemoryStore::remove_message(const std::string&, const MailboxState&,
                                   const StoredMessage& message) {
    bodies_.erase(message.key);
    return ok_status();
}

}  // namespace maillab::protocols::store
