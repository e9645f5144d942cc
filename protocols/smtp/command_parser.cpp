#include "protocols/smtp/command_parser.hpp"

#include <algorithm>
#include <cctype>

#include "protocols/smtp/ascii.hpp"

namespace maillab::protocols::smtp {

namespace {

unsigned char uc(char c) {
    return static_cast<unsigned char>(c);
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

template <typename T>
Parsed<T> error(std::string text, int code = 501) {
    return Parsed<T>{std::nullopt, SyntaxError{code, "5.5.4", std::move(text)}};
}

bool is_atext(char c) {
    if (uc(c) >= 0x80) return true;  // UTF8-non-ascii; the caller flags it
    if (std::isalnum(uc(c))) return true;
    constexpr std::string_view specials = "!#$%&'*+-/=?^_`{|}~";
    return specials.find(c) != std::string_view::npos;
}

bool valid_dot_string(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.') {
            if (s[i + 1] == '.') return false;
        } else if (!is_atext(s[i])) {
            return false;
        }
    }
    return true;
}

bool valid_quoted_string(std::string_view s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        const unsigned char c = uc(s[i]);
        if (c == '\\') {
            if (i + 2 >= s.size() || uc(s[i + 1]) < 32 || uc(s[i + 1]) > 126) return false;
            ++i;
        } else if (c == '"' || (c < 32) || c == 127) {
            return false;
        }
    }
    return true;
}

bool valid_domain(std::string_view d) {
    if (d.empty() || d.size() > kMaxDomainOctets) return false;
    if (d.front() == '[') {
        if (d.back() != ']' || d.size() < 3) return false;
        for (char c : d.substr(1, d.size() - 2))
            if (uc(c) < 33 || uc(c) > 126 || c == '[' || c == ']' || c == '\\') return false;
        return true;
    }
    std::size_t start = 0;
    while (start <= d.size()) {
        const std::size_t dot = std::min(d.find('.', start), d.size());
        const std::string_view label = d.substr(start, dot - start);
        if (label.empty() || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!(std::isalnum(uc(c)) || c == '-' || uc(c) >= 0x80)) return false;
        start = dot + 1;
    }
    return true;
}

// Where `target` occurs outside a quoted string, the first or the last time.
std::size_t find_unquoted(std::string_view s, char target, bool last) {
    std::size_t found = std::string_view::npos;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (quoted && s[i] == '\\') {
            ++i;
        } else if (s[i] == '"') {
            quoted = !quoted;
        } else if (!quoted && s[i] == target) {
            found = i;
            if (!last) break;
        }
    }
    return found;
}

// Splits "local@domain", the '@' being the last one outside quotes.
Parsed<Path> parse_mailbox(std::string_view m) {
    const std::size_t at = find_unquoted(m, '@', true);
    if (at == std::string_view::npos) return error<Path>("Bad address syntax: missing @domain");
    Path p;
    p.local_part = std::string{m.substr(0, at)};
    p.domain = std::string{m.substr(at + 1)};
    if (p.local_part.size() > kMaxLocalPartOctets) return error<Path>("Local part too long");
    const bool local_ok = p.local_part.front() == '"' ? valid_quoted_string(p.local_part)
                                                      : valid_dot_string(p.local_part);
    if (!local_ok) return error<Path>("Bad local part syntax");
    if (!valid_domain(p.domain)) return error<Path>("Bad domain syntax");
    p.non_ascii = std::any_of(m.begin(), m.end(), [](char c) { return uc(c) >= 0x80; });
    return {p, {}};
}

Parsed<PathCommand> parse_path_command(std::string_view argument, std::string_view keyword,
                                       bool allow_null) {
    if (!iequals_prefix(argument, keyword)) return error<PathCommand>("Syntax error in parameters");
    std::string_view rest = argument.substr(keyword.size());
    // Postfix accepts a space after the colon (many old clients send one).
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (rest.empty() || rest.front() != '<')
        return error<PathCommand>("Bad address syntax: need <address>");
    const std::size_t close = find_unquoted(rest, '>', false);
    if (close == std::string_view::npos) return error<PathCommand>("Bad address syntax: missing >");
    auto path = parse_path(rest.substr(0, close + 1), allow_null);
    if (!path.ok()) return {std::nullopt, path.error};
    PathCommand out{*path.value, {}};
    std::string_view params = rest.substr(close + 1);
    if (!params.empty() && params.front() != ' ')
        return error<PathCommand>("Bad address syntax: junk after >");
    while (!params.empty()) {
        while (!params.empty() && params.front() == ' ')
            params.remove_prefix(1);
        if (params.empty()) break;
        const std::size_t end = std::min(params.find(' '), params.size());
        const std::string_view item = params.substr(0, end);
        params.remove_prefix(end);
        const std::size_t eq = item.find('=');
        const std::string_view key = item.substr(0, eq);
        if (key.empty() || !std::isalnum(uc(key.front())) ||
            !std::all_of(key.begin(), key.end(),
                         [](char c) { return std::isalnum(uc(c)) || c == '-'; }))
            return error<PathCommand>("Bad parameter keyword");
        Parameter p{to_upper(key), std::nullopt};
        if (eq != std::string_view::npos) {
            const std::string_view v = item.substr(eq + 1);
            if (v.empty() || std::any_of(v.begin(), v.end(), [](char c) {
                    return c == '=' || uc(c) < 33 || uc(c) == 127;
                }))
                return error<PathCommand>("Bad parameter value");
            p.value = std::string{v};
        }
        out.parameters.push_back(std::move(p));
        if (out.parameters.size() > kMaxParameters)
            return error<PathCommand>("Too many parameters");
    }
    return {std::move(out), {}};
}

}  // namespace

Command split_command(std::string_view line) {
    const std::size_t sp = line.find(' ');
    Command c;
    c.verb = to_upper(line.substr(0, sp));
    if (sp != std::string_view::npos) c.argument = std::string{line.substr(sp + 1)};
    return c;
}

Parsed<Path> parse_path(std::string_view text, bool allow_null) {
    if (text.size() < 2 || text.front() != '<' || text.back() != '>')
        return error<Path>("Bad address syntax: need <address>");
    if (text.size() > kMaxPathOctets + 2) return error<Path>("Address too long");
    std::string_view inner = text.substr(1, text.size() - 2);
    if (inner.empty()) {
        if (!allow_null) return error<Path>("Bad address syntax: empty address");
        Path p;
        p.null = true;
        return {p, {}};
    }
    // A source route "@a,@b:" comes first; RFC 5321 §4.1.2 says accept and ignore it.
    if (inner.front() == '@') {
        const std::size_t colon = inner.find(':');
        if (colon == std::string_view::npos) return error<Path>("Bad source route");
        inner.remove_prefix(colon + 1);
        if (inner.empty()) return error<Path>("Bad source route");
    }
    if (inner.find('@') == std::string_view::npos && inner.front() != '"') {
        // "<postmaster>" without a domain is legal for RCPT only (RFC 5321 §4.1.1.3).
        if (!allow_null && iequals(inner, "postmaster")) {
            Path p;
            p.local_part = std::string{inner};
            return {p, {}};
        }
    }
    return parse_mailbox(inner);
}

Parsed<PathCommand> parse_mail_argument(std::string_view argument) {
    return parse_path_command(argument, "FROM:", true);
}

Parsed<PathCommand> parse_rcpt_argument(std::string_view argument) {
    return parse_path_command(argument, "TO:", false);
}

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

bool is_valid_xtext(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = uc(text[i]);
        if (c == '+') {
            if (i + 2 >= text.size()) return false;
            for (std::size_t k = 1; k <= 2; ++k) {
                const char h = text[i + k];
                if (!((h >= '0' && h <= '9') || (h >= 'A' && h <= 'F'))) return false;
            }
            i += 2;
        } else if (c < 33 || c > 126 || c == '=') {
            return false;
        }
    }
    return true;
}

Parsed<MailParameters> interpret_mail_parameters(const std::vector<Parameter>& parameters) {
    MailParameters m;
    std::vector<std::string> seen;
    for (const auto& p : parameters) {
        if (std::find(seen.begin(), seen.end(), p.keyword) != seen.end())
            return error<MailParameters>("Duplicate " + p.keyword + " parameter");
        seen.push_back(p.keyword);
        const std::string value = p.value.value_or("");
        if (p.keyword == "SIZE") {
            auto n = parse_decimal(value);
            if (!n) return error<MailParameters>("Bad message size syntax");
            m.size = n;
        } else if (p.keyword == "BODY") {
            const std::string v = to_upper(value);
            if (v == "7BIT") {
                m.body = BodyType::SevenBit;
            } else if (v == "8BITMIME") {
                m.body = BodyType::EightBitMime;
            } else {
                return error<MailParameters>("Unsupported BODY type", 555);
            }
        } else if (p.keyword == "SMTPUTF8") {
            if (p.value) return error<MailParameters>("SMTPUTF8 takes no value");
            m.smtputf8 = true;
        } else if (p.keyword == "RET") {
            const std::string v = to_upper(value);
            if (v == "FULL") {
                m.ret = DsnReturn::Full;
            } else if (v == "HDRS") {
                m.ret = DsnReturn::Headers;
            } else {
                return error<MailParameters>("Bad RET parameter");
            }
        } else if (p.keyword == "ENVID") {
            if (value.empty() || value.size() > kMaxEnvidOctets || !is_valid_xtext(value))
                return error<MailParameters>("Bad ENVID parameter");
            m.envid = value;
        } else if (p.keyword == "AUTH") {
            if (value.empty()) return error<MailParameters>("Bad AUTH parameter");
        } else {
            return error<MailParameters>("Unsupported option: " + p.keyword, 555);
        }
    }
    return {m, {}};
}

Parsed<RcptParameters> interpret_rcpt_parameters(const std::vector<Parameter>& parameters) {
    RcptParameters r;
    std::vector<std::string> seen;
    for (const auto& p : parameters) {
        if (std::find(seen.begin(), seen.end(), p.keyword) != seen.end())
            return error<RcptParameters>("Duplicate " + p.keyword + " parameter");
        seen.push_back(p.keyword);
        const std::string value = to_upper(p.value.value_or(""));
        if (p.keyword == "NOTIFY") {
            std::size_t start = 0;
            while (start <= value.size()) {
                const std::size_t comma = std::min(value.find(',', start), value.size());
                const std::string item = value.substr(start, comma - start);
                if (item == "NEVER") {
                    r.notify.never = true;
                } else if (item == "SUCCESS") {
                    r.notify.success = true;
                } else if (item == "FAILURE") {
                    r.notify.failure = true;
                } else if (item == "DELAY") {
                    r.notify.delay = true;
                } else {
                    return error<RcptParameters>("Bad NOTIFY parameter");
                }
                start = comma + 1;
            }
            if (r.notify.never && (r.notify.success || r.notify.failure || r.notify.delay))
                return error<RcptParameters>("NOTIFY=NEVER cannot be combined");
        } else if (p.keyword == "ORCPT") {
            const std::string raw = p.value.value_or("");
            const std::size_t semi = raw.find(';');
            if (semi == std::string::npos || semi == 0 || raw.size() > kMaxOrcptOctets ||
                !is_valid_xtext(std::string_view{raw}.substr(semi + 1)))
                return error<RcptParameters>("Bad ORCPT parameter");
            r.orcpt = raw;
        } else {
            return error<RcptParameters>("Unsupported option: " + p.keyword, 555);
        }
    }
    return {r, {}};
}

}  // namespace maillab::protocols::smtp
