// IMAP part specifiers (RFC 3501 §6.4.5): which MimePart "1.2.3" names.
//
// The parts of a multipart are numbered from 1. A part that is not multipart
// message has one part, numbered 1: itself (so "1" of a single-part message
// is the message, whose body is its text); a text part has no parts. Inside a message/rfc822 part,
// the numbers continue with the embedded message: "2.1" is the first part of the message in part 2
// if that message is multipart, and its body otherwise.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "protocols/mime/mime_tree.hpp"

namespace maillab::protocols::mime {

// Digits per number: more cannot name a part and would overflow.
inline constexpr std::size_t kMaxSectionNumberDigits = 9;

// The index in tree.parts, or nothing if the specifier is malformed ("", "0",
// "1..2", "01" is accepted as 1) or names no part.
std::optional<std::size_t> find_section(const MimeTree& tree, std::string_view numbers);

}  // namespace maillab::protocols::mime
