#include "bench/sim/mail_conversations.hpp"

#include <stdexcept>

#include "bench/sim/mail_fixture_parts.hpp"

namespace maillab::bench {

std::string_view protocol_name(MailProtocol protocol) {
    switch (protocol) {
        case MailProtocol::Smtp:
            return "smtp";
        case MailProtocol::Pop3:
            return "pop3";
        case MailProtocol::Imap:
            return "imap";
    }
    return "";
}

std::uint16_t protocol_port(MailProtocol protocol) {
    switch (protocol) {
        case MailProtocol::Smtp:
            return 587;
        case MailProtocol::Pop3:
            return 110;
        case MailProtocol::Imap:
            return 143;
    }
    return 0;
}

std::vector<std::unique_ptr<MailConversation>> make_conversations(MailProtocol protocol,
                                                                  std::size_t count) {
    std::vector<std::unique_ptr<MailConversation>> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        switch (protocol) {
            case MailProtocol::Smtp:
                out.push_back(detail::make_smtp_conversation(i));
                break;
            case MailProtocol::Pop3:
                out.push_back(detail::make_pop3_conversation(i));
                break;
            case MailProtocol::Imap:
                out.push_back(detail::make_imap_conversation(i));
                break;
        }
    }
    return out;
}

namespace detail {

std::string message_text(std::size_t conversation, std::size_t number) {
    const std::string n =
        std::to_string(number) + " of conversation " + std::to_string(conversation);
    std::string text =
        "From: Bob <bob@example.test>\r\nTo: Alice <alice@example.test>\r\n"
        "Subject: Benchmark message " +
        n +
        "\r\nDate: Tue, 14 Nov 2023 10:00:00 +0000\r\n"
        "Message-ID: <bench-" +
        std::to_string(conversation) + "-" + std::to_string(number) + "@example.test>\r\n\r\n";
    for (std::size_t line = 0; line < kMessageBodyLines; ++line) {
        text += "Line " + std::to_string(line) + " of message " + n +
                ": a plain text body, long enough to make it a few KB.\r\n";
    }
    return text;
}

MemoryMailbox::MemoryMailbox() {
    if (!accounts.add_account(kUser, kPassword))
        throw std::logic_error("mail workload: cannot add the account");
    if (!store.status(kUser, kInbox)) throw std::logic_error("mail workload: no INBOX");
}

void MemoryMailbox::fill(std::size_t conversation, std::size_t count) {
    for (std::size_t i = 1; i <= count; ++i) {
        if (!store.append(kUser, kInbox, message_text(conversation, i), {}, kNowSeconds))
            throw std::logic_error("mail workload: cannot fill INBOX");
    }
}

std::size_t MemoryMailbox::inbox_size() {
    const auto messages = store.messages(kUser, kInbox);
    return messages ? messages.value().size() : 0;
}

}  // namespace detail

}  // namespace maillab::bench
