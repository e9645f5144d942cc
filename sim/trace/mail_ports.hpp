// Which mail protocol a server port carries: 25, 465 and 587 SMTP; 110 and
// 995 POP3; 143 and 993 IMAP (RFC 8314 §7). One table for the lesson checks,
// the class table, the colours and the session diagrams.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace maillab::sim {

enum class MailProtocol { Smtp, Pop3, Imap };

// nullopt for a port that is not one of the mail ports above.
std::optional<MailProtocol> mail_protocol_on_port(std::int64_t port);
// "SMTP", "POP3" or "IMAP".
std::string_view mail_protocol_name(MailProtocol protocol);

}  // namespace maillab::sim
