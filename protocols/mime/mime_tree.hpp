// The MIME structure of a message (RFC 2045, RFC 2046): one MimePart per
// entity with the offsets, sizes and line counts IMAP BODYSTRUCTURE needs.
//
// Done: Content-Type with parameters (RFC 2231 too), Content-Transfer-Encoding,
// Content-ID, Content-Description, Content-Disposition (RFC 2183),
// Content-Language (RFC 3282), Content-Location (RFC 2557), Content-MD5
// (RFC 1864); multipart with nested boundaries, preamble and epilogue, a
// missing close delimiter (the last part runs to the end of the enclosing
// body); message/rfc822 parsed as an embedded message; defaults of RFC 2045
// §5.2 (text/plain; charset=us-ascii) and RFC 2046 §5.1.5 (message/rfc822
// inside multipart/digest); CRLF and bare-LF messages.
// Rules for hostile input, all named below and tested:
// - Nesting deeper than kMaxNestingDepth, more than kMaxParts parts, a
//   multipart without a boundary parameter or without any delimiter line, and
//   a message/rfc822 body in base64 or quoted-printable: the part becomes a
//   leaf with effective type text/plain (`demoted`, declared type kept).
// - A delimiter line is "--boundary" or "--boundary--" followed only by
//   whitespace (RFC 2046 §5.1.1); a longer line that merely starts with the
//   boundary is body text.
// - Parsing is iterative (an explicit work list), so no input can overflow
//   the stack.
// Not done: message/partial reassembly, message/global (RFC 6532), binary
// content detection.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/mime/content_type.hpp"
#include "protocols/mime/header_block.hpp"

namespace maillab::protocols::mime {

// Levels of entities: the message is depth 0, its parts depth 1, and so on.
inline constexpr std::size_t kMaxNestingDepth = 32;
// Entities per message, the message itself included.
inline constexpr std::size_t kMaxParts = 5000;
inline constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

struct MimePart {
    std::size_t header_offset = 0;  // offsets are into the whole message
    std::size_t header_size = 0;    // header section including the empty line
    std::size_t body_offset = 0;
    std::size_t body_size = 0;               // octets as stored
    std::size_t body_size_crlf = 0;          // octets once every bare LF is a CRLF
    std::size_t body_lines = 0;              // LFs, plus one for a final unterminated line
    HeaderBlock headers;                     // HeaderField::offset is relative to header_offset
    ContentType content_type;                // effective type, defaults applied
    std::string declared_type;               // "type/subtype" as declared, lower case, or empty
    std::string transfer_encoding = "7bit";  // lower case
    ParameterizedValue disposition;          // valid == false when absent
    std::string content_id;
    std::string description;
    std::string language;
    std::string location;
    std::string md5;

    std::size_t depth = 0;
    std::size_t parent = kNoParent;
    std::vector<std::size_t> children;  // multipart: the body parts; message/rfc822: one
    // Multipart only: text before the first and after the close delimiter.
    std::size_t preamble_offset = 0, preamble_size = 0;
    std::size_t epilogue_offset = 0, epilogue_size = 0;
    bool has_close_delimiter = false;
    bool demoted = false;  // declared multipart or message, treated as a text/plain leaf
};

struct MimeTree {
    // parts[0] is the whole message; the shape is in parent/children (the
    // order of this vector is not document order below the first level).
    std::vector<MimePart> parts;
    bool hit_depth_limit = false;
    bool hit_part_limit = false;

    const MimePart& root() const { return parts.front(); }
};

// The tree keeps offsets, not views: pass the same bytes to part_body().
MimeTree parse_mime(std::string_view message);

}  // namespace maillab::protocols::mime
