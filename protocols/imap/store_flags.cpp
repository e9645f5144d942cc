#include "protocols/imap/store_flags.hpp"

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

std::optional<store::Flags> to_store_flags(const std::vector<std::string>& names) {
    store::Flags flags;
    for (const std::string& name : names) {
        if (name.starts_with('\\')) {
            if (iequals(name, "\\Recent")) continue;
            store::SystemFlag flag{};
            if (!store::parse_system_flag(name, flag)) return std::nullopt;
            flags.set(flag);
        } else if (store::is_valid_keyword(name)) {
            // Any atom is a keyword (RFC 3501 §9 flag-keyword), NIL too, as in Dovecot.
            flags.add_keyword(name);
        } else {
            return std::nullopt;
        }
    }
    return flags;
}

}  // namespace maillab::protocols::imap
