// LineFramer: cuts a byte stream into CRLF-terminated lines with a hard
// maximum length, whatever the chunking of the input.
//
// - A line longer than the limit is never buffered whole: the framer drops
//   its bytes as they arrive and reports one TooLong line when the terminator
//   finally comes, so the session can answer with an error and re-synchronise
//   at the next line (Postfix smtpd and Dovecot do the same).
// - A bare LF (an LF without CR before it) is handled by a per-protocol
//   policy: SMTP rejects it (RFC 5321 §2.3.8), POP3 and IMAP accept it as a
//   line end as Dovecot does.
// - A bare CR is ordinary data inside a line; the parsers decide about it.
// - Raw reads (IMAP literals, BDAT chunks) take bytes straight from the buffer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::core {

enum class BareLfPolicy {
    Reject,  // the line ends at the LF and is reported as LineStatus::BareLf
    Accept,  // an LF alone ends a line exactly like CRLF
};

struct FramerLimits {
    std::size_t max_line_octets = 1000;  // without the terminator
    BareLfPolicy bare_lf = BareLfPolicy::Reject;
};

enum class LineStatus {
    Complete,  // a well-formed line
    TooLong,   // longer than max_line_octets; text holds its first octets (at most 64)
    BareLf,    // ended by LF without CR under BareLfPolicy::Reject
};

struct FramedLine {
    LineStatus status = LineStatus::Complete;
    std::string text;  // without the terminator

    bool operator==(const FramedLine&) const = default;
};

class LineFramer {
public:
    // How many leading octets of an over-long line are kept for diagnostics.
    static constexpr std::size_t kTooLongPrefixOctets = 64;

    explicit LineFramer(FramerLimits limits = {});

    void feed(std::string_view bytes);
    // The next complete line, or nothing when more input is needed.
    std::optional<FramedLine> next_line();
    // Up to max_octets raw bytes from the buffer (for literals and chunks).
    std::string take_raw(std::size_t max_octets);
    // Octets buffered and not yet returned.
    std::size_t buffered() const;
    // Drops everything buffered (e.g. plaintext pipelined behind STARTTLS).
    void discard_buffered();

    const FramerLimits& limits() const { return limits_; }
    void set_limits(FramerLimits limits) { limits_ = limits; }

private:
    void compact();
    std::size_t prefix_octets() const;

    FramerLimits limits_;
    std::string buffer_;
    std::size_t read_pos_ = 0;  // start of unread data in buffer_
    std::size_t scan_pos_ = 0;  // where the LF search resumes (avoids rescans)
    bool discarding_ = false;   // inside an over-long line
    std::string too_long_prefix_;
};

}  // namespace maillab::protocols::core
