#include "protocols/mime/content_type.hpp"

#include <algorithm>
#include <map>

#include "protocols/mime/ascii.hpp"
#include "protocols/mime/charset.hpp"
#include "protocols/mime/header_lexer.hpp"

namespace maillab::protocols::mime {

namespace {

struct RawParam {
    std::string base;  // name without the RFC 2231 suffix
    int section = -1;  // -1: not a continuation
    bool extended = false;
    std::string value;
};

RawParam split_name(std::string name, std::string value) {
    RawParam raw{name, -1, false, std::move(value)};
    if (!name.empty() && name.back() == '*') {
        raw.extended = true;
        name.pop_back();
    }
    const std::size_t star = name.rfind('*');
    if (star != std::string::npos) {
        const std::string digits = name.substr(star + 1);
        const bool numeric = !digits.empty() && digits.size() <= kMaxParameterSectionDigits &&
                             std::all_of(digits.begin(), digits.end(), is_digit);
        if (numeric) {
            raw.section = std::stoi(digits);
            name.resize(star);
        }
    }
    raw.base = std::move(name);
    return raw;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int byte = text[i] == '%' ? hex_byte(text, i + 1) : -1;
        if (byte >= 0) {
            out.push_back(static_cast<char>(byte));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// Joins the sections of one parameter (RFC 2231 §3-4) from section 0 up to
// the first gap.
MimeParameter join_sections(const std::string& base, std::vector<const RawParam*> sections) {
    std::sort(sections.begin(), sections.end(),
              [](const RawParam* a, const RawParam* b) { return a->section < b->section; });
    MimeParameter param{base, {}, {}, {}};
    std::string bytes;
    bool any_extended = false;
    int expected = sections.front()->section < 0 ? -1 : 0;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const RawParam& raw = *sections[i];
        if (raw.section != expected) break;
        std::string_view value = raw.value;
        if (raw.extended) {
            if (i == 0) {
                const std::size_t q1 = value.find('\'');
                const std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
                if (q2 != std::string_view::npos) {
                    param.charset = std::string{value.substr(0, q1)};
                    param.language = std::string{value.substr(q1 + 1, q2 - q1 - 1)};
                    value = value.substr(q2 + 1);
                }
            }
            any_extended = true;
            bytes += percent_decode(value);
        } else {
            bytes += value;
        }
        if (expected < 0) break;
        ++expected;
    }
    if (any_extended && !param.charset.empty()) {
        param.value = charset_to_utf8(param.charset, bytes).value_or(sanitize_utf8(bytes));
    } else {
        param.value = std::move(bytes);
    }
    return param;
}

std::vector<MimeParameter> combine(const std::vector<RawParam>& raws) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const RawParam*>> by_base;
    for (const auto& raw : raws) {
        auto& list = by_base[raw.base];
        if (list.empty()) order.push_back(raw.base);
        list.push_back(&raw);
    }
    std::vector<MimeParameter> out;
    for (const auto& base : order) {
        auto& list = by_base[base];
        // RFC 2231 values win over a plain one of the same name.
        std::vector<const RawParam*> rfc2231;
        for (const RawParam* raw : list) {
            if (raw->section >= 0 || raw->extended) rfc2231.push_back(raw);
        }
        if (!rfc2231.empty() && (rfc2231.size() > 1 || rfc2231.front()->section <= 0)) {
            out.push_back(join_sections(base, rfc2231));
        } else {
            out.push_back(MimeParameter{base, list.front()->value, {}, {}});
        }
    }
    return out;
}

const std::string* find_param(const std::vector<MimeParameter>& params, std::string_view name) {
    for (const auto& p : params) {
        if (iequals(p.name, name)) return &p.value;
    }
    return nullptr;
}

}  // namespace

const std::string* ParameterizedValue::param(std::string_view name) const {
    return find_param(params, name);
}

const std::string* ContentType::param(std::string_view name) const {
    return find_param(params, name);
}

ParameterizedValue parse_parameterized_value(std::string_view text, bool with_subtype) {
    ParameterizedValue out;
    HeaderLexer lex{text, kMimeSpecials};
    lex.skip_cfws();
    std::string value{lex.read_atom()};
    if (with_subtype) {
        lex.skip_cfws();
        if (lex.peek() != '/') return out;
        lex.advance();
        lex.skip_cfws();
        const std::string_view subtype = lex.read_atom();
        if (value.empty() || subtype.empty()) return out;
        value += "/";
        value += subtype;
    }
    if (value.empty()) return out;
    out.value = to_lower_ascii(value);
    out.valid = true;
    std::vector<RawParam> raws;
    while (true) {
        lex.skip_cfws();
        if (lex.at_end()) break;
        if (lex.peek() != ';') {
            lex.advance();  // junk between parameters
            continue;
        }
        lex.advance();
        lex.skip_cfws();
        const std::string name = to_lower_ascii(lex.read_atom());
        lex.skip_cfws();
        if (name.empty() || lex.peek() != '=') continue;
        lex.advance();
        lex.skip_cfws();
        std::string param_value;
        if (lex.peek() == '"') {
            param_value = lex.read_quoted_string();
        } else {
            while (!lex.at_end() && lex.peek() != ';' && !is_wsp(lex.peek()) &&
                   lex.peek() != '\r' && lex.peek() != '\n') {
                param_value.push_back(lex.peek());
                lex.advance();
            }
        }
        if (raws.size() >= kMaxParameters) {
            ++out.dropped_params;
            continue;
        }
        raws.push_back(split_name(name, std::move(param_value)));
    }
    out.params = combine(raws);
    return out;
}

ContentType parse_content_type(std::string_view text, std::string_view default_type,
                               std::string_view default_subtype) {
    ContentType type;
    type.type = std::string{default_type};
    type.subtype = std::string{default_subtype};
    ParameterizedValue parsed = parse_parameterized_value(text, true);
    if (!parsed.valid) return type;
    const std::size_t slash = parsed.value.find('/');
    type.type = parsed.value.substr(0, slash);
    type.subtype = parsed.value.substr(slash + 1);
    type.params = std::move(parsed.params);
    type.valid = true;
    return type;
}

}  // namespace maillab::protocols::mime
