// What a client session does about STARTTLS (SMTP, POP3's STLS, IMAP): one
// policy for the three engines, so the world maps its choice to it once.
#pragma once

namespace maillab::protocols::core {

enum class TlsPolicy {
    Never,      // stay in plaintext even when the server offers TLS
    IfOffered,  // upgrade when the server offers it, carry on in plaintext otherwise
    Required,   // upgrade or give up before sending anything secret
};

}  // namespace maillab::protocols::core
