#include "cli/keylog_file.hpp"

#include <fstream>
#include <memory>
#include <stdexcept>

namespace maillab::cli {

void append_keylog_to(const std::string& file,
                      const std::vector<protocols::tls::TlsContext>& contexts) {
    auto out = std::make_shared<std::ofstream>(file, std::ios::app);
    if (!*out) throw std::runtime_error("cannot write the key log " + file);
    for (auto context : contexts) {
        // A copy shares the OpenSSL context, so the sink serves every session made with it.
        context.set_keylog([out](std::string_view line) { *out << line << '\n' << std::flush; });
    }
}

}  // namespace maillab::cli
