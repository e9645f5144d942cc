// --keylog FILE for `maillab serve` and `maillab export`: every TLS secret of
// the given contexts' sessions is appended to FILE in the SSLKEYLOGFILE
// format, one line at a time, so Wireshark or tshark
// (-o tls.keylog_file:FILE) can decrypt a capture of those sessions.
#pragma once

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocols/tls/tls_context.hpp"

namespace maillab::cli {

// Throws std::runtime_error when FILE cannot be opened for appending.
inline void append_keylog_to(const std::string& file,
                             const std::vector<protocols::tls::TlsContext>& contexts) {
    auto out = std::make_shared<std::ofstream>(file, std::ios::app);
    if (!*out) throw std::runtime_error("cannot write the key log " + file);
    for (auto context : contexts) {
        // A copy shares the OpenSSL context, so the sink serves every session made with it.
        context.set_keylog([out](std::string_view line) { *out << line << '\n' << std::flush; });
    }
}

}  // namespace maillab::cli
