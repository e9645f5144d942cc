#include "protocols/mime/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "protocols/core/utf8.hpp"
#include "protocols/mime/ascii.hpp"

namespace maillab::protocols::mime {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

void append_latin1(std::string& out, unsigned char c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// Length of the valid UTF-8 sequence starting at text[0], or 0.
std::size_t utf8_sequence_length(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t n = 0;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        n = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        n = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        n = 4;
    else
        return 0;
    if (text.size() < n) return 0;
    return core::is_valid_utf8(text.substr(0, n)) ? n : 0;
}

std::optional<std::string> via_iconv(std::string_view charset, std::string_view bytes) {
    const std::string name{charset};
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out;
    std::string in{bytes};
    char* in_ptr = in.data();
    std::size_t in_left = in.size();
    char buffer[4096];
    while (in_left > 0) {
        char* out_ptr = buffer;
        std::size_t out_left = sizeof buffer;
        const std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
        out.append(buffer, static_cast<std::size_t>(out_ptr - buffer));
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) continue;
        // EILSEQ (invalid byte) or EINVAL (truncated sequence): mark and move on.
        out.append(kReplacement);
        ++in_ptr;
        --in_left;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    iconv_close(cd);
    return out;
}

}  // namespace

std::string sanitize_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t n = utf8_sequence_length(bytes.substr(i));
        if (n == 0) {
            out.append(kReplacement);
            ++i;
        } else {
            out.append(bytes.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::optional<std::string> charset_to_utf8(std::string_view charset, std::string_view bytes) {
    if (iequals(charset, "utf-8") || iequals(charset, "utf8") || iequals(charset, "us-ascii") ||
        iequals(charset, "ascii")) {
        return sanitize_utf8(bytes);
    }
    if (iequals(charset, "iso-8859-1") || iequals(charset, "latin1")) {
        std::string out;
        out.reserve(bytes.size());
        for (const char c : bytes)
            append_latin1(out, static_cast<unsigned char>(c));
        return out;
    }
    // Only plain names reach iconv (no "//TRANSLIT" style suffixes from a peer).
    const bool plain = std::all_of(charset.begin(), charset.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
               c == '_' || c == '.' || c == ':';
    });
    if (charset.empty() || charset.size() > kMaxCharsetNameOctets || !plain) return std::nullopt;
    return via_iconv(charset, bytes);
}

}  // namespace maillab::protocols::mime
