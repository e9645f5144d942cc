// protocols/mime: reading and writing Internet messages for every engine —
// IMAP (ENVELOPE, BODYSTRUCTURE, SEARCH, mailbox names), SMTP header checks,
// and the GUI's view of a message. Include this file for all of it.
//
// Everything here takes bytes from a peer: nothing throws, nothing crashes,
// every limit is a named constant next to its parser, and malformed input has
// a defined, documented result (see each header).
//
// RFC features done
// [x] RFC 5322 §2.2   header fields, folding/unfolding, CRLF and bare LF  header_block.hpp
// [x] RFC 5322 §2.2.3 writing fields: folding, encoded words, addresses  header_writer.hpp
// [x] RFC 5322 §3.4   address lists, groups, obs-route, comments        address.hpp
// [x] RFC 5322 §3.3   date-time, obsolete zones and years (§4.3)         date_time.hpp
// [x] RFC 2047        encoded words, B and Q, decode and encode          encoded_words.hpp
// [x] RFC 2045 §5     Content-Type with parameters, default text/plain   content_type.hpp
// [x] RFC 2231        parameter continuations and charset'lang'values    content_type.hpp
// [x] RFC 2183        Content-Disposition                                content_type.hpp
// [x] RFC 2046 §5.1   multipart (nested, preamble, epilogue, digest)     mime_tree.hpp
// [x] RFC 2046 §5.2.1 message/rfc822 parsed as an embedded message       mime_tree.hpp
// [x] RFC 2045 §6     base64 and quoted-printable decoding               transfer_decoding.hpp
// [x] RFC 2045 §6     base64 and quoted-printable encoding of bodies     transfer_encoding.hpp
// [x] RFC 2046 §4.1.2 charsets to UTF-8 (built in + iconv)               charset.hpp
// [x] RFC 3501 §5.1.3 IMAP modified UTF-7                                modified_utf7.hpp
// [x] RFC 3501 §9     IMAP date-time (INTERNALDATE, APPEND)              date_time.hpp
// [x] RFC 3501 §6.4.5 IMAP part specifiers ("1.2.3") to parts            section.hpp
// RFC features not done
// [ ] RFC 6532 internationalized headers beyond passing UTF-8 through
// [ ] message/partial, message/external-body, message/global
// [ ] RFC 2231 language tags in encoded words are parsed but dropped
#pragma once

#include "protocols/mime/address.hpp"
#include "protocols/mime/charset.hpp"
#include "protocols/mime/content_type.hpp"
#include "protocols/mime/date_time.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_block.hpp"
#include "protocols/mime/header_writer.hpp"
#include "protocols/mime/mime_tree.hpp"
#include "protocols/mime/modified_utf7.hpp"
#include "protocols/mime/section.hpp"
#include "protocols/mime/transfer_decoding.hpp"
#include "protocols/mime/transfer_encoding.hpp"
