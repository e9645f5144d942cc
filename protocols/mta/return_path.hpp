// Return-Path at final delivery (RFC 5321 §4.4): the delivering MTA records
// the envelope sender (the reverse-path) as the first header of the stored
// message, so the reader's software knows where bounces go. Any Return-Path
// already in the header section is removed first, because only the final MTA
// may write one (RFC 5321 §4.4: a sending system SHOULD NOT send it; Postfix
// drops it on arrival, message_drop_headers).
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::mta {

// "Return-Path: <alice@example.org>\r\n" + message; "<>" for a bounce.
std::string add_return_path(std::string_view message, std::string_view sender);

}  // namespace maillab::protocols::mta
