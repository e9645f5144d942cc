// The mail workload's conversations: maillab's real SMTP, POP3 and IMAP
// client and server engines, each server over its own in-memory store built
// and filled before the clock starts, so the EnginePair run and the virtual
// network run do the same engine work on the same data. No TLS, no disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/session.hpp"

namespace maillab::bench {

inline constexpr std::size_t kMessagesPerMailbox = 5;
inline constexpr std::size_t kMessageBodyLines = 40;  // about 3 KB per message

enum class MailProtocol { Smtp, Pop3, Imap };

std::string_view protocol_name(MailProtocol protocol);
// The standard port the simulated server listens on (submission, pop3, imap).
std::uint16_t protocol_port(MailProtocol protocol);

// One client/server conversation. make_server and make_client are each
// called once; after the run, succeeded() asks the client session (which
// must still be alive) and the server's store whether the work was done.
class MailConversation {
public:
    virtual ~MailConversation() = default;
    virtual std::unique_ptr<protocols::core::Session> make_server() = 0;
    virtual std::unique_ptr<protocols::core::Session> make_client() = 0;
    virtual bool succeeded() = 0;
};

// `count` fresh conversations, alike but for their messages' text: any server
// may meet any client, since none checks the text it got.
std::vector<std::unique_ptr<MailConversation>> make_conversations(MailProtocol protocol,
                                                                  std::size_t count);

}  // namespace maillab::bench
