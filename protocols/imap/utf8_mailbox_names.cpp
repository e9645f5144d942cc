#include "protocols/imap/utf8_mailbox_names.hpp"

#include <type_traits>
#include <variant>

#include "protocols/mime/modified_utf7.hpp"

namespace maillab::protocols::imap {

namespace {

bool convert(std::string& name) {
    auto encoded = mime::encode_modified_utf7(name);
    if (!encoded) return false;
    name = std::move(*encoded);
    return true;
}

}  // namespace

bool names_to_modified_utf7(Command& command) {
    return std::visit(
        [](auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, RenameCmd>) {
                return convert(c.from.name) && convert(c.to.name);
            } else if constexpr (std::is_same_v<T, ListCmd>) {
                if (!convert(c.reference.name)) return false;
                for (std::string& pattern : c.patterns)
                    if (!convert(pattern)) return false;
                return true;
            } else if constexpr (requires { c.mailbox.name; }) {
                return convert(c.mailbox.name);
            } else {
                return true;
            }
        },
        command);
}

std::string name_to_utf8(std::string_view name) {
    return mime::decode_modified_utf7(name).value_or(std::string{name});
}

}  // namespace maillab::protocols::imap
