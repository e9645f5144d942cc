// MemoryStore: the MailStore kept entirely in memory, for lessons and tests.
// Deterministic: UIDVALIDITY values count up from 1 in creation order, so the
// same lesson gives the same trace every time.
#pragma once

#include <map>
#include <string>

#include "protocols/store/store_base.hpp"

namespace maillab::protocols::store {

class MemoryStore final : public StoreBase {
public:
    explicit MemoryStore(const AccountDirectory& accounts) : StoreBase(accounts) {}

protected:
    Status load_account(const std::string& account, AccountState& state) override;
    Status refresh_account(const std::string& account, AccountState& state) override;
    Status refresh_mailbox(const std::string& account, MailboxState& box) override;
    Result<Uid> new_uidvalidity(const std::string& account) override;
    Status create_storage(const std::string& account, const MailboxState& box) override;
    Status delete_storage(const std::string& account, const MailboxState& box) override;
    Status rename_storage(const std::string& account, const std::string& old_name,
                          const MailboxState& box) override;
    Status write_message(const std::string& account, const MailboxState& box,
                         StoredMessage& message, std::string_view bytes) override;
    Result<std::string> read_bytes(const std::string& account, const MailboxState& box,
                                   const StoredMessage& message) override;
    Status remove_message(const std::string& account, const MailboxState& box,
                          const StoredMessage& message) override;
    Status write_flags(const std::string& account, const MailboxState& box,
                       StoredMessage& message) override;
    Status save_mailbox(const std::string& account, const MailboxState& box) override;
    Status save_subscriptions(const std::string& account, const AccountState& state) override;

private:
    std::map<std::string, std::string> bodies_;  // key -> message bytes
    std::uint64_t last_key_ = 0;
    Uid last_uidvalidity_ = 0;
};

}  // namespace maillab::protocols::store
