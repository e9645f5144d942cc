// What the three protocols' conversations share: the account, the server's
// name, a fixed clock, the message text and a store with the account ready.
// Internal to the mail workload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bench/sim/mail_conversations.hpp"
#include "protocols/store/account_directory.hpp"
#include "protocols/store/memory_store.hpp"

namespace maillab::bench::detail {

inline constexpr const char* kServerName = "mail.test";
inline constexpr const char* kClientName = "laptop";
inline constexpr const char* kClientAddress = "10.0.0.2";  // the laptop's, as in the topology
inline constexpr const char* kUser = "alice";
inline constexpr const char* kPassword = "secret";
inline constexpr const char* kInbox = "INBOX";
// 2023-11-14 22:13:20 UTC: a fixed clock, so both runs write the same headers.
inline constexpr std::int64_t kNowSeconds = 1'700'000'000;

// Message `number` (1-based) of conversation `conversation`: plain headers and
// a text body of about 3 KB, CRLF lines. No two conversations' messages share
// a line, as no two people's mail does, so nothing on either side can gain by
// having seen the same text before.
std::string message_text(std::size_t conversation, std::size_t number);

// An account directory and a MemoryStore holding kUser, with INBOX already
// created so that no conversation pays for the account's first use.
struct MemoryMailbox {
    MemoryMailbox();
    MemoryMailbox(const MemoryMailbox&) = delete;
    MemoryMailbox& operator=(const MemoryMailbox&) = delete;

    // Appends message_text(conversation, 1..count) to INBOX.
    void fill(std::size_t conversation, std::size_t count);
    std::size_t inbox_size();

    protocols::store::AccountDirectory accounts;
    protocols::store::MemoryStore memory{accounts};
    protocols::store::MailStore& store = memory;  // the interface, with its default arguments
};

// `index` numbers the conversation, for its message_text.
std::unique_ptr<MailConversation> make_smtp_conversation(std::size_t index);
std::unique_ptr<MailConversation> make_pop3_conversation(std::size_t index);
std::unique_ptr<MailConversation> make_imap_conversation(std::size_t index);

}  // namespace maillab::bench::detail
