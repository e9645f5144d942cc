#include "protocols/imap/response_parser.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

namespace {

// The size of a literal announced at the end of a line ("{n}" or "~{n}");
// nothing when the line announces none, a too-large value when it overflows.
std::optional<std::uint64_t> announced_literal(std::string_view line) {
    if (line.size() < 3 || line.back() != '}') return std::nullopt;
    std::size_t i = line.size() - 1;
    const std::size_t digits_end = i;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')
        --i;
    if (i == digits_end || i == 0 || line[i - 1] != '{') return std::nullopt;
    auto size =
        parse_decimal(line.substr(i, digits_end - i), std::numeric_limits<std::uint64_t>::max());
    return size ? *size : std::numeric_limits<std::uint64_t>::max();
}

class ValueParser {
public:
    explicit ValueParser(std::string_view input) : in_(input) {}

    bool at_end() const { return pos_ >= in_.size(); }
    char peek() const { return at_end() ? '\0' : in_[pos_]; }
    std::size_t pos() const { return pos_; }
    void skip_spaces() {
        while (peek() == ' ')
            ++pos_;
    }
    bool consume(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    std::string_view rest() const { return in_.substr(pos_); }
    std::string_view slice(std::size_t from, std::size_t to) const {
        return in_.substr(from, to - from);
    }

    std::optional<Value> value(std::size_t depth) {
        if (++count_ > kMaxResponseValues) return fail("too many values");
        const char c = peek();
        if (c == '(') return list(depth + 1);
        if (c == '"') return quoted();
        if (c == '{' || (c == '~' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '{'))
            return literal();
        auto text = atom();
        if (!text) return std::nullopt;
        if (iequals(*text, "NIL")) return Value{Value::Type::Nil, {}, {}};
        return Value{Value::Type::Atom, std::string{*text}, {}};
    }

    // Values separated by spaces until `stop` (or the end when stop is 0).
    bool values(std::vector<Value>& out, char stop, std::size_t depth) {
        skip_spaces();
        while (!at_end() && peek() != stop) {
            auto v = value(depth);
            if (!v) return false;
            out.push_back(std::move(*v));
            skip_spaces();
        }
        return true;
    }

    std::optional<std::string_view> atom() {
        const std::size_t start = pos_;
        while (!at_end()) {
            const char c = peek();
            if (c == '[') {
                // A section: everything up to the matching "]" belongs to the name.
                std::size_t open = 0;
                do {
                    if (peek() == '[') ++open;
                    if (peek() == ']') --open;
                    ++pos_;
                } while (open > 0 && !at_end());
                if (open > 0) return fail("unterminated [");
                continue;
            }
            const auto u = static_cast<unsigned char>(c);
            if (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{' || c == ']' || u < 0x20 ||
                u == 0x7f)
                break;
            ++pos_;
        }
        if (pos_ == start) return fail("expected a value");
        return in_.substr(start, pos_ - start);
    }

    const std::string& error() const { return error_; }
    Failed fail(std::string_view message) {
        if (error_.empty()) error_ = std::string{message};
        return Failed{};
    }

private:
    std::optional<Value> list(std::size_t depth) {
        if (depth > kMaxResponseNesting) return fail("lists nested too deep");
        ++pos_;
        Value v{Value::Type::List, {}, {}};
        if (!values(v.items, ')', depth)) return std::nullopt;
        if (!consume(')')) return fail("unterminated list");
        return v;
    }

    std::optional<Value> quoted() {
        ++pos_;
        Value v{Value::Type::String, {}, {}};
        while (!at_end()) {
            char c = in_[pos_++];
            if (c == '"') return v;
            if (c == '\\') {
                if (at_end()) break;
                c = in_[pos_++];
            }
            if (c == '\r' || c == '\n') return fail("line break in a quoted string");
            v.text += c;
        }
        return fail("unterminated quoted string");
    }

    std::optional<Value> literal() {
        consume('~');
        ++pos_;
        const std::size_t digits = pos_;
        while (peek() >= '0' && peek() <= '9')
            ++pos_;
        auto size = parse_decimal(slice(digits, pos_), kMaxResponseLiteralOctets);
        if (!size || !consume('}') || !consume('\r') || !consume('\n'))
            return fail("malformed literal");
        if (in_.size() - pos_ < *size) return fail("literal shorter than announced");
        const auto length = static_cast<std::size_t>(*size);  // fits: checked against in_
        Value v{Value::Type::String, std::string{in_.substr(pos_, length)}, {}};
        pos_ += length;
        return v;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
    std::size_t count_ = 0;
    std::string error_;
};

// resp-text = ["[" resp-text-code "]" SP] text
void parse_resp_text(ValueParser& p, ServerResponse& r) {
    p.skip_spaces();
    std::string_view rest = p.rest();
    if (rest.empty() || rest[0] != '[') {
        r.text = std::string{rest};
        return;
    }
    std::size_t i = 1;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != ']')
        ++i;
    ParsedCode code;
    code.name = to_upper_ascii(rest.substr(1, i - 1));
    const std::size_t args_start = (i < rest.size() && rest[i] == ' ') ? i + 1 : i;
    ValueParser args{rest.substr(args_start)};
    std::size_t close = std::string_view::npos;
    if (args.values(code.args, ']', 0) && args.peek() == ']') {
        close = args_start + args.pos();
    } else {
        // Arguments we cannot read as values: keep them only as sent.
        code.args.clear();
        close = rest.find(']', args_start);
    }
    if (close == std::string_view::npos) {
        r.text = std::string{rest};
        return;
    }
    code.raw = std::string{rest.substr(args_start, close - args_start)};
    rest.remove_prefix(close + 1);
    while (!rest.empty() && rest[0] == ' ')
        rest.remove_prefix(1);
    r.code = std::move(code);
    r.text = std::string{rest};
}

}  // namespace

ResponseReader::ResponseReader()
    : framer_(core::FramerLimits{kMaxResponseLineOctets, core::BareLfPolicy::Accept}) {}

void ResponseReader::feed(std::string_view bytes) {
    if (!failed_) framer_.feed(bytes);
}

void ResponseReader::discard_buffered() {
    framer_.discard_buffered();
    partial_.clear();
    line_octets_ = 0;
    literal_octets_ = 0;
    literal_remaining_ = 0;
    in_literal_ = false;
}

ResponseReadStatus ResponseReader::next() {
    if (failed_) return *failed_;
    while (true) {
        if (in_literal_) {
            std::string chunk = framer_.take_raw(static_cast<std::size_t>(literal_remaining_));
            literal_remaining_ -= chunk.size();
            partial_ += chunk;
            if (literal_remaining_ > 0) return ResponseReadStatus::NeedMore;
            in_literal_ = false;
        }
        auto line = framer_.next_line();
        if (!line) return ResponseReadStatus::NeedMore;
        line_octets_ += line->text.size();
        if (line->status == core::LineStatus::TooLong || line_octets_ > kMaxResponseLineOctets) {
            failed_ = ResponseReadStatus::LineTooLong;
            return *failed_;
        }
        partial_ += line->text;
        if (auto size = announced_literal(line->text)) {
            if (*size > kMaxResponseLiteralOctets - literal_octets_) {
                failed_ = ResponseReadStatus::LiteralTooBig;
                return *failed_;
            }
            literal_octets_ += *size;
            literal_remaining_ = *size;
            in_literal_ = true;
            partial_ += "\r\n";
            continue;
        }
        response_ = std::exchange(partial_, {});
        line_octets_ = 0;
        literal_octets_ = 0;
        return ResponseReadStatus::Complete;
    }
}

bool Value::is_atom(std::string_view upper) const {
    return type == Type::Atom && iequals(text, upper);
}

std::optional<std::uint32_t> Value::number() const {
    if (type != Type::Atom) return std::nullopt;
    auto n = parse_decimal(text, std::numeric_limits<std::uint32_t>::max());
    if (!n) return std::nullopt;
    return static_cast<std::uint32_t>(*n);
}

std::optional<std::uint64_t> Value::number64() const {
    if (type != Type::Atom) return std::nullopt;
    return parse_decimal(text, std::numeric_limits<std::uint64_t>::max());
}

std::optional<Status> status_from_name(std::string_view name) {
    if (iequals(name, "OK")) return Status::Ok;
    if (iequals(name, "NO")) return Status::No;
    if (iequals(name, "BAD")) return Status::Bad;
    if (iequals(name, "BYE")) return Status::Bye;
    if (iequals(name, "PREAUTH")) return Status::Preauth;
    return std::nullopt;
}

std::optional<ServerResponse> parse_response(std::string_view text, std::string* error) {
    const auto failed = [error](std::string message) -> std::optional<ServerResponse> {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    ServerResponse r;
    ValueParser p{text};
    if (p.consume('+')) {
        r.kind = ServerResponse::Kind::Continuation;
        p.skip_spaces();
        r.text = std::string{p.rest()};
        return r;
    }
    if (p.consume('*')) {
        r.kind = ServerResponse::Kind::Untagged;
    } else {
        r.kind = ServerResponse::Kind::Tagged;
        while (!p.at_end() && is_tag_char(p.peek()))
            p.consume(p.peek());
        r.tag = std::string{p.slice(0, p.pos())};
        if (r.tag.empty()) return failed("the response has no tag");
    }
    if (!p.consume(' ')) return failed("expected a space after the tag");
    auto first = p.atom();
    if (!first) return failed("expected a status or a response name");
    if (auto n = parse_decimal(*first, std::numeric_limits<std::uint32_t>::max())) {
        if (r.kind == ServerResponse::Kind::Tagged)
            return failed("a tagged response needs a status");
        r.number = static_cast<std::uint32_t>(*n);
        if (!p.consume(' ')) return failed("expected a space after the number");
        first = p.atom();
        if (!first) return failed("expected a response name after the number");
    }
    r.name = to_upper_ascii(*first);
    r.status = r.number ? std::nullopt : status_from_name(r.name);
    if (r.kind == ServerResponse::Kind::Tagged &&
        (!r.status || *r.status == Status::Bye || *r.status == Status::Preauth))
        return failed("a tagged response must be OK, NO or BAD");
    if (r.status) {
        parse_resp_text(p, r);
        return r;
    }
    if (!p.values(r.data, '\0', 0)) return failed(p.error());
    if (!p.at_end()) return failed("unexpected character");
    return r;
}

FetchData fetch_data(const ServerResponse& response) {
    FetchData out;
    if (response.name != "FETCH" || response.data.empty() ||
        response.data[0].type != Value::Type::List)
        return out;
    const auto& items = response.data[0].items;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        const Value& name = items[i];
        const Value& value = items[i + 1];
        if (name.is_atom("UID")) {
            out.uid = value.number();
        } else if (name.is_atom("FLAGS") && value.type == Value::Type::List) {
            std::vector<std::string> flags;
            for (const Value& f : value.items) {
                if (f.type == Value::Type::Atom && flags.size() < kMaxFetchFlags)
                    flags.push_back(f.text);
            }
            out.flags = std::move(flags);
        } else if (name.is_atom("MODSEQ") && value.type == Value::Type::List &&
                   value.items.size() == 1) {
            out.modseq = value.items[0].number64();
        } else if ((name.is_atom("BODY[]") || name.is_atom("RFC822") ||
                    name.is_atom("BODY[]<0>")) &&
                   value.type == Value::Type::String) {
            out.body = value.text;
        }
    }
    return out;
}

std::optional<std::vector<std::uint32_t>> expand_uid_set(std::string_view text) {
    auto set = parse_sequence_set(text);
    if (!set || set->saved) return std::nullopt;
    std::vector<std::uint32_t> out;
    for (const SeqRange& range : set->ranges) {
        if (range.first == kStar || range.last == kStar) return std::nullopt;
        const std::uint32_t lo = std::min(range.first, range.last);
        const std::uint32_t hi = std::max(range.first, range.last);
        if (hi - lo >= kMaxExpandedUids - out.size()) return std::nullopt;
        for (std::uint32_t n = lo;; ++n) {
            out.push_back(n);
            if (n == hi) break;
        }
    }
    return out;
}

std::optional<CopyUid> copy_uid(const ParsedCode& code) {
    if (code.name != "COPYUID" || code.args.size() != 3) return std::nullopt;
    auto validity = code.args[0].number();
    if (!validity || code.args[1].type != Value::Type::Atom ||
        code.args[2].type != Value::Type::Atom)
        return std::nullopt;
    auto source = expand_uid_set(code.args[1].text);
    auto destination = expand_uid_set(code.args[2].text);
    if (!source || !destination || source->size() != destination->size()) return std::nullopt;
    return CopyUid{*validity, std::move(*source), std::move(*destination)};
}

}  // namespace maillab::protocols::imap
