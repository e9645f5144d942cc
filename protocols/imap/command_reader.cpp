#include "protocols/imap/command_reader.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

namespace {

struct Announcement {
    bool found = false;
    bool sync = true;
    std::optional<std::uint64_t> size;  // nothing when the digits overflow
};

// Whether a line ends with a literal announcement "{n}" / "{n+}" (or the
// literal8 "~{n}" of RFC 3516, framed the same way) outside a quoted string.
Announcement literal_announcement(std::string_view line) {
    Announcement a;
    if (line.size() < 3 || line.back() != '}') return a;
    std::size_t i = line.size() - 1;
    if (line[i - 1] == '+') {
        a.sync = false;
        --i;
    }
    const std::size_t digits_end = i;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')
        --i;
    if (i == digits_end || i == 0 || line[i - 1] != '{') return a;
    const std::size_t open = i - 1;
    bool quoted = false;
    for (std::size_t k = 0; k < open; ++k) {
        if (quoted && line[k] == '\\') {
            ++k;
        } else if (line[k] == '"') {
            quoted = !quoted;
        }
    }
    if (quoted) return a;
    a.found = true;
    a.size =
        parse_decimal(line.substr(i, digits_end - i), std::numeric_limits<std::uint64_t>::max());
    return a;
}

std::string tag_of(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && is_tag_char(line[n]))
        ++n;
    if (n == 0 || n >= line.size() || line[n] != ' ') return {};
    return std::string{line.substr(0, n)};
}

bool is_append(std::string_view command) {
    const std::string tag = tag_of(command);
    if (tag.empty()) return false;
    std::string_view rest = command.substr(tag.size() + 1);
    std::size_t n = 0;
    while (n < rest.size() && is_atom_char(rest[n]))
        ++n;
    return iequals(rest.substr(0, n), "APPEND");
}

}  // namespace

CommandReader::CommandReader()
    : framer_(core::FramerLimits{kMaxLineOctets, core::BareLfPolicy::Accept}) {}

void CommandReader::feed(std::string_view bytes) {
    if (state_ != ReaderState::Closed) framer_.feed(bytes);
}

ReaderState CommandReader::state() const {
    if (state_ == ReaderState::Closed) return ReaderState::Closed;
    if (skipping_ || state_ == ReaderState::Discarding) return ReaderState::Discarding;
    if (state_ == ReaderState::Literal) return ReaderState::Literal;
    if (command_.empty() && framer_.buffered() == 0) return ReaderState::Idle;
    return ReaderState::Line;
}

void CommandReader::discard_buffered() {
    framer_.discard_buffered();
    reset_command();
    skipping_ = false;
    raw_line_ = false;
    literal_remaining_ = 0;
    if (state_ != ReaderState::Closed) state_ = ReaderState::Line;
}

void CommandReader::reset_command() {
    command_.clear();
    line_octets_ = 0;
    literal_octets_ = 0;
}

ReadResult CommandReader::error(ReadError kind, std::string tag) {
    ReadResult r;
    r.kind = ReadKind::Error;
    r.error = kind;
    r.tag = std::move(tag);
    return r;
}

std::optional<ReadResult> CommandReader::next() {
    while (state_ != ReaderState::Closed) {
        if (state_ == ReaderState::Literal || state_ == ReaderState::Discarding) {
            if (literal_remaining_ == 0) {
                state_ = ReaderState::Line;
                continue;
            }
            const std::size_t available = framer_.buffered();
            if (available == 0) return std::nullopt;
            const auto want =
                static_cast<std::size_t>(std::min<std::uint64_t>(literal_remaining_, available));
            if (state_ == ReaderState::Literal) {
                command_ += framer_.take_raw(want);
            } else {
                framer_.take_raw(want);  // counted and dropped, never kept
            }
            literal_remaining_ -= want;
            continue;
        }
        auto line = framer_.next_line();
        if (!line) return std::nullopt;
        if (auto result = on_line(std::move(*line))) return result;
    }
    return std::nullopt;
}

std::optional<ReadResult> CommandReader::on_line(core::FramedLine line) {
    if (line.status == core::LineStatus::TooLong) {
        std::string tag = raw_line_   ? std::string{}
                          : skipping_ ? pending_tag_
                                      : tag_of(command_.empty() ? line.text : command_);
        raw_line_ = false;
        skipping_ = false;
        reset_command();
        return error(ReadError::LineTooLong, std::move(tag));
    }
    if (raw_line_) {
        raw_line_ = false;
        ReadResult r;
        r.kind = ReadKind::Line;
        r.text = std::move(line.text);
        return r;
    }
    if (command_.empty() && !skipping_ && line.text.empty()) return std::nullopt;
    const Announcement a = literal_announcement(line.text);
    if (skipping_) {
        if (a.found && !a.sync) {
            if (a.size && *a.size <= discard_budget_) {
                discard_budget_ -= *a.size;
                literal_remaining_ = *a.size;
                state_ = ReaderState::Discarding;
                return std::nullopt;
            }
            skipping_ = false;
            state_ = ReaderState::Closed;
            return error(ReadError::LiteralTooBigClose, std::move(pending_tag_));
        }
        skipping_ = false;
        return error(ReadError::LiteralTooBig, std::move(pending_tag_));
    }
    if (line_octets_ + line.text.size() > kMaxLineOctets) {
        std::string tag = tag_of(command_.empty() ? line.text : command_);
        reset_command();
        return error(ReadError::LineTooLong, std::move(tag));
    }
    line_octets_ += line.text.size();
    command_ += line.text;
    if (!a.found) {
        ReadResult r;
        r.text = std::exchange(command_, {});
        reset_command();
        return r;
    }
    return on_literal(a.size, a.sync);
}

std::optional<ReadResult> CommandReader::on_literal(std::optional<std::uint64_t> size, bool sync) {
    const std::uint64_t limit = is_append(command_) ? kMaxAppendLiteralOctets : kMaxLiteralOctets;
    std::string tag = tag_of(command_);
    // Checked as a subtraction so that no sum can wrap.
    if (size && *size <= limit - literal_octets_) {
        literal_octets_ += *size;
        command_ += "\r\n";
        literal_remaining_ = *size;
        state_ = ReaderState::Literal;
        if (!sync) return std::nullopt;
        ReadResult r;
        r.kind = ReadKind::Continue;
        r.tag = std::move(tag);
        return r;
    }
    reset_command();
    if (sync) {
        ReadResult r = error(ReadError::LiteralTooBig, std::move(tag));
        r.synchronising = true;
        return r;
    }
    if (!size || *size > kMaxDiscardOctets) {
        state_ = ReaderState::Closed;
        return error(ReadError::LiteralTooBigClose, std::move(tag));
    }
    pending_tag_ = std::move(tag);
    skipping_ = true;
    discard_budget_ = kMaxDiscardOctets - *size;
    literal_remaining_ = *size;
    state_ = ReaderState::Discarding;
    return std::nullopt;
}

}  // namespace maillab::protocols::imap
