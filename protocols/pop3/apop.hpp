// APOP (RFC 1939 §7): the server puts a unique timestamp "<pid.clock@host>"
// in its greeting; the client proves it knows the shared secret by sending
// MD5(timestamp + secret) in lower-case hex, so the secret never crosses the
// wire. MD5 comes from OpenSSL's EVP interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::pop3 {

// The digest is 16 octets, written as 32 hex digits.
inline constexpr std::size_t kApopDigestHexDigits = 32;

// "<pid.clock@host>": the engine has no clock, so the owner supplies the parts.
std::string make_apop_timestamp(std::uint64_t pid, std::uint64_t clock, std::string_view host);
// Lower-case hex MD5 of timestamp followed by secret.
std::string apop_digest(std::string_view timestamp, std::string_view secret);
// True when digest (either case) matches apop_digest(timestamp, secret).
bool apop_matches(std::string_view digest, std::string_view timestamp, std::string_view secret);
// The "<...>" timestamp inside a greeting line, if there is one.
std::optional<std::string> find_apop_timestamp(std::string_view greeting);

}  // namespace maillab::protocols::pop3
