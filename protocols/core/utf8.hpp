// UTF-8 validity (RFC 3629): shortest form only, no surrogates, at most U+10FFFF.
#pragma once

#include <string_view>

namespace maillab::protocols::core {

bool is_valid_utf8(std::string_view bytes);

}  // namespace maillab::protocols::core
