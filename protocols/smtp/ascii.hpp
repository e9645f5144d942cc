// ASCII case helpers: SMTP verbs, keywords and domains compare case-insensitively
// (RFC 5321 §2.4); UTF-8 octets pass through unchanged.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace maillab::protocols::smtp {

inline std::string to_upper(std::string_view s) {
    std::string out{s};
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

inline std::string to_lower(std::string_view s) {
    std::string out{s};
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && to_lower(a) == to_lower(b);
}

}  // namespace maillab::protocols::smtp
