// The PREVIEW fetch item (RFC 8970): a short plain-text opening of the message.
// The first text/plain or text/html leaf in document order is decoded (transfer
// encoding undone, charset converted to UTF-8); HTML is reduced to its text
// (tags, comments, <script> and <style> dropped, the common entities decoded);
// every run of whitespace becomes one space, none is left at either end, and the
// result is cut to kMaxPreviewCharacters whole characters (RFC 8970 §3.1).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocols/imap/message_view.hpp"

namespace maillab::protocols::imap {

// RFC 8970 §3.1: "no more than 256 characters".
inline constexpr std::size_t kMaxPreviewCharacters = 256;

std::string message_preview(const MessageView& view);

// The text of an HTML document, whitespace not yet collapsed.
std::string html_to_text(std::string_view html);
// Whitespace runs to one space, trimmed, at most kMaxPreviewCharacters UTF-8 characters.
std::string preview_of_text(std::string_view text);

}  // namespace maillab::protocols::imap
