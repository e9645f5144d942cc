#include "protocols/smtp/reply.hpp"

namespace maillab::protocols::smtp {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// 1*3DIGIT after the first dot, as RFC 3463 §2 allows.
bool digits(std::string_view s, std::size_t& i, std::size_t max) {
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < max)
        ++i;
    return i > start;
}

}  // namespace

std::string Reply::text() const {
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += ' ';
        out += line;
    }
    return out;
}

std::string Reply::wire() const {
    std::vector<std::string> with_code = lines;
    if (with_code.empty()) with_code.emplace_back();
    return format_multiline_reply(code, with_code);
}

std::string format_reply(int code, std::string_view enhanced, std::string_view text) {
    std::string out = std::to_string(code);
    out += ' ';
    if (!enhanced.empty()) {
        out.append(enhanced);
        out += ' ';
    }
    out.append(text);
    out += "\r\n";
    return out;
}

std::string format_multiline_reply(int code, const std::vector<std::string>& lines) {
    std::string out;
    const std::string prefix = std::to_string(code);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += prefix;
        out += (i + 1 == lines.size()) ? ' ' : '-';
        out += lines[i];
        out += "\r\n";
    }
    return out;
}

std::optional<std::string> leading_enhanced_code(std::string_view text) {
    if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.')
        return std::nullopt;
    std::size_t i = 2;
    if (!digits(text, i, 3) || i >= text.size() || text[i] != '.') return std::nullopt;
    ++i;
    if (!digits(text, i, 3)) return std::nullopt;
    if (i < text.size() && text[i] != ' ') return std::nullopt;
    return std::string{text.substr(0, i)};
}

ReplyParser::ReplyParser()
    : framer_(core::FramerLimits{kMaxReplyLineOctets, core::BareLfPolicy::Accept}) {}

void ReplyParser::feed(std::string_view bytes) {
    if (!failed_) framer_.feed(bytes);
}

std::optional<ReplyParseResult> ReplyParser::fail(std::string why) {
    failed_ = true;
    framer_.discard_buffered();
    return ReplyParseResult{false, {}, std::move(why)};
}

std::optional<ReplyParseResult> ReplyParser::next() {
    if (failed_) return std::nullopt;
    while (auto line = framer_.next_line()) {
        if (line->status == core::LineStatus::TooLong) return fail("reply line too long");
        const std::string& t = line->text;
        if (t.size() < 3 || !is_digit(t[0]) || !is_digit(t[1]) || !is_digit(t[2]) || t[0] < '2' ||
            t[0] > '5')
            return fail("reply line does not start with a 3-digit code");
        if (t.size() > 3 && t[3] != ' ' && t[3] != '-')
            return fail("reply code not followed by space or hyphen");
        const int code = (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
        if (!partial_.lines.empty() && code != partial_.code)
            return fail("reply lines with different codes");
        partial_.code = code;
        partial_.lines.push_back(t.size() > 4 ? t.substr(4) : std::string{});
        if (partial_.lines.size() > kMaxReplyLines) return fail("reply has too many lines");
        if (t.size() > 3 && t[3] == '-') continue;
        Reply done = std::move(partial_);
        partial_ = {};
        done.enhanced = leading_enhanced_code(done.lines.front()).value_or("");
        return ReplyParseResult{true, std::move(done), {}};
    }
    return std::nullopt;
}

}  // namespace maillab::protocols::smtp
