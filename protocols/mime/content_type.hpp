// MIME header values with parameters: Content-Type (RFC 2045 §5.1) and
// Content-Disposition (RFC 2183), with RFC 2231 parameter continuations
// ("name*0=", "name*1=") and charset/language-tagged values ("name*=utf-8''%E2%82%AC").
//
// Lenient: an unquoted value runs to the next ";" or whitespace (real mail has
// unquoted boundaries containing "=" or "/"); junk between parameters is skipped. A
// value that does not parse gives valid == false, and the caller applies the
// RFC 2045 §5.2 default (text/plain; charset=us-ascii).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::mime {

// Parameter entries read per header value (counting each continuation).
inline constexpr std::size_t kMaxParameters = 100;
// RFC 2231 section numbers ("name*12") have at most this many digits; a
// longer suffix is part of the parameter's name.
inline constexpr std::size_t kMaxParameterSectionDigits = 3;

struct MimeParameter {
    std::string name;      // lower case, without any RFC 2231 "*" suffix
    std::string value;     // continuations joined; RFC 2231 values decoded to UTF-8
    std::string charset;   // RFC 2231 charset, if the value was extended
    std::string language;  // RFC 2231 language, if given
};

struct ParameterizedValue {
    std::string value;  // lower case, e.g. "text/plain" or "attachment"
    std::vector<MimeParameter> params;
    bool valid = false;
    std::size_t dropped_params = 0;

    const std::string* param(std::string_view name) const;
};

struct ContentType {
    std::string type = "text";      // lower case
    std::string subtype = "plain";  // lower case
    std::vector<MimeParameter> params;
    bool valid = false;  // false: the header was missing or did not parse

    std::string mime_type() const { return type + "/" + subtype; }
    const std::string* param(std::string_view name) const;
    bool is_multipart() const { return type == "multipart"; }
    bool is_message_rfc822() const { return type == "message" && subtype == "rfc822"; }
};

// `with_subtype`: the value is "type/subtype" (Content-Type) rather than one token.
ParameterizedValue parse_parameterized_value(std::string_view text, bool with_subtype);
// Nothing valid gives valid == false and type/subtype left at the given default.
ContentType parse_content_type(std::string_view text, std::string_view default_type,
                               std::string_view default_subtype);

}  // namespace maillab::protocols::mime
