// --keylog FILE for `maillab serve` and `maillab export`: every TLS secret of
// the given contexts' sessions is appended to FILE in the SSLKEYLOGFILE
// format, one line at a time, so Wireshark or tshark
// (-o tls.keylog_file:FILE) can decrypt a capture of those sessions.
#pragma once

#include <string>
#include <vector>

#include "protocols/tls/tls_context.hpp"

namespace maillab::cli {

// Throws std::runtime_error when FILE cannot be opened for appending.
void append_keylog_to(const std::string& file,
                      const std::vector<protocols::tls::TlsContext>& contexts);

}  // namespace maillab::cli
