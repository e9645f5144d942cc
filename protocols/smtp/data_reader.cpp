#include "protocols/smtp/data_reader.hpp"

#include <cstring>

#include "protocols/core/line_endings.hpp"

namespace maillab::protocols::smtp {

DataReader::DataReader(std::size_t max_message_octets) : max_octets_(max_message_octets) {}

void DataReader::text(char c) {
    if (++line_octets_ > kMaxDataLineOctets) line_too_long_ = true;
    put(c);
}

bool DataReader::count(std::size_t octets) {
    octets_ += octets;
    if (octets_ > max_octets_ && !too_big_) {
        too_big_ = true;
        std::string{}.swap(message_);
    }
    return !too_big_;
}

void DataReader::put(char c) {
    if (count(1)) message_ += c;
}

std::size_t DataReader::take_text_run(std::string_view bytes, std::size_t from) {
    const char* begin = bytes.data() + from;
    const char* end = bytes.data() + bytes.size();
    const char* stop = end;
    if (const void* lf = std::memchr(begin, '\n', static_cast<std::size_t>(end - begin)))
        stop = static_cast<const char*>(lf);
    if (const void* cr = std::memchr(begin, '\r', static_cast<std::size_t>(stop - begin)))
        stop = static_cast<const char*>(cr);
    const auto n = static_cast<std::size_t>(stop - begin);
    line_octets_ += n;
    if (line_octets_ > kMaxDataLineOctets) line_too_long_ = true;
    if (count(n)) message_.append(begin, n);
    return from + n;
}

void DataReader::end_line() {
    // The CRLF counts toward the size but not toward the line length.
    put('\r');
    put('\n');
    line_octets_ = 0;
}

std::size_t DataReader::feed(std::string_view bytes) {
    std::size_t i = 0;
    for (; i < bytes.size() && state_ != State::Done; ++i) {
        if (state_ == State::InLine) {
            i = take_text_run(bytes, i);
            if (i == bytes.size()) break;
        }
        const char c = bytes[i];
        switch (state_) {
            case State::LineStart:
                if (c == '.') {
                    state_ = State::Dot;
                    ++line_octets_;  // the stuffed dot counts toward the line length
                    break;
                }
                [[fallthrough]];
            case State::InLine:
                if (c == '\r') {
                    state_ = State::SawCr;
                } else {
                    if (c == '\n') bare_ = true;
                    text(c);
                    state_ = State::InLine;
                }
                break;
            case State::SawCr:
                if (c == '\n') {
                    end_line();
                    state_ = State::LineStart;
                } else {
                    bare_ = true;
                    text('\r');
                    if (c != '\r') {
                        text(c);
                        state_ = State::InLine;
                    }
                }
                break;
            case State::Dot:
                if (c == '\r') {
                    state_ = State::DotCr;
                } else {
                    // "..x" is ".x" unstuffed; ".\n" is a bare LF after a dot, still text.
                    if (c == '\n') bare_ = true;
                    text(c);
                    state_ = State::InLine;
                }
                break;
            case State::DotCr:
                if (c == '\n') {
                    state_ = State::Done;
                } else {
                    bare_ = true;
                    text('\r');
                    if (c == '\r') {
                        state_ = State::SawCr;
                    } else {
                        text(c);
                        state_ = State::InLine;
                    }
                }
                break;
            case State::Done:
                break;
        }
    }
    return i;
}

DataReader::Outcome DataReader::outcome() const {
    if (too_big_) return Outcome::TooBig;
    if (line_too_long_) return Outcome::LineTooLong;
    if (bare_) return Outcome::BareLineEnding;
    return Outcome::Ok;
}

std::string DataReader::take_message() {
    if (outcome() != Outcome::Ok) return {};
    return std::move(message_);
}

std::string normalize_line_ends(std::string_view message) {
    return core::to_crlf(message);
}

std::string dot_stuff(std::string_view message) {
    const std::string lines = normalize_line_ends(message);
    std::string out;
    out.reserve(lines.size() + 16);
    bool line_start = true;
    for (const char c : lines) {
        if (line_start && c == '.') out += '.';
        out += c;
        line_start = c == '\n';
    }
    return out;
}

}  // namespace maillab::protocols::smtp
