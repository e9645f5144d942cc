// CommandReader: turns the client's byte stream (any chunking) into complete
// IMAP commands — the command line plus its literals — without doing any I/O.
// Modelled on Dovecot's lib-imap parser: explicit states, a hard line limit,
// literal sizes parsed overflow-checked and checked against limits BEFORE
// any octet of the literal is buffered.
//
// - Synchronising literal "{n}" (RFC 3501 §4.3, §7.5): next() yields
//   ReadKind::Continue and the owner sends "+ ..." before the client sends
//   the octets. Too big: ReadKind::Error/LiteralTooBig at once, no "+"; the
//   client never sends the octets, so the next line is a new command.
// - Non-synchronising literal "{n+}" (LITERAL+, RFC 7888): the octets follow
//   at once. Too big: RFC 7888 §4 leaves the server two choices and we use
//   both — up to kMaxDiscardOctets the octets are counted and dropped (never
//   buffered), the rest of that command is skipped, then LiteralTooBig is
//   reported (answer: tagged BAD [TOOBIG]); a larger or overflowing size
//   gives LiteralTooBigClose at once (answer "* BYE [TOOBIG]" and close).
//   We advertise LITERAL+, not LITERAL-, so small non-sync literals are fine.
// - A command whose lines (literal octets excluded) exceed kMaxLineOctets
//   gives LineTooLong and the reader resynchronises at the next line.
// - A literal announced but never sent leaves state() at Literal; timing out
//   is the owner's business.
// - An empty line between commands is ignored. A bare LF ends a line like
//   CRLF (as Dovecot accepts); inside the assembled command every line end
//   is written as CRLF.
// - expect_line() makes the next line a raw ReadKind::Line: the client's
//   AUTHENTICATE response (RFC 3501 §6.2.2) or DONE after IDLE (RFC 2177).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/core/line_framer.hpp"

namespace maillab::protocols::imap {

// One command's lines together, literal octets not counted (Dovecot's
// default imap_max_line_length is 64 KiB too).
inline constexpr std::size_t kMaxLineOctets = 64 * 1024;
// Literal octets one command may carry, except APPEND.
inline constexpr std::uint64_t kMaxLiteralOctets = 64 * 1024;
// The message of an APPEND (it is the literal): 50 MiB, a generous mail size.
inline constexpr std::uint64_t kMaxAppendLiteralOctets = 50ULL * 1024 * 1024;
// A too-big non-synchronising literal up to this size is read and dropped;
// beyond it the connection is closed rather than counting gigabytes.
inline constexpr std::uint64_t kMaxDiscardOctets = 256ULL * 1024 * 1024;

enum class ReadKind {
    Complete,  // text: one complete command, literals inline, no final CRLF
    Continue,  // send a continuation request ("+ OK") now
    Line,      // text: the raw line asked for with expect_line()
    Error,     // error (and tag when it could be read)
};

enum class ReadError {
    None,
    LineTooLong,         // answer "tag BAD" (or "* BAD" without a tag) and go on
    LiteralTooBig,       // answer "tag NO [TOOBIG]" (sync) / "tag BAD [TOOBIG]" (non-sync)
    LiteralTooBigClose,  // answer "* BYE [TOOBIG]" and close; the reader stops
};

struct ReadResult {
    ReadKind kind = ReadKind::Complete;
    std::string text;
    std::string tag;
    ReadError error = ReadError::None;
    bool synchronising = false;  // LiteralTooBig: the literal was "{n}", not "{n+}"

    bool operator==(const ReadResult&) const = default;
};

enum class ReaderState {
    Idle,        // between commands, nothing buffered
    Line,        // inside a command line (or between a literal and the rest)
    Literal,     // waiting for announced literal octets
    Discarding,  // dropping a too-big non-synchronising literal / the rest of its command
    Closed,      // after LiteralTooBigClose
};

class CommandReader {
public:
    CommandReader();

    void feed(std::string_view bytes);
    // The next result, or nothing until more bytes arrive. Lazy: bytes after
    // the returned command stay unparsed until asked for.
    std::optional<ReadResult> next();
    void expect_line() { raw_line_ = true; }
    ReaderState state() const;
    std::uint64_t literal_remaining() const { return literal_remaining_; }
    // Drops buffered input (plaintext pipelined behind STARTTLS, RFC 3501 §6.2.1).
    void discard_buffered();

private:
    std::optional<ReadResult> on_line(core::FramedLine line);
    std::optional<ReadResult> on_literal(std::optional<std::uint64_t> size, bool sync);
    ReadResult error(ReadError kind, std::string tag);
    void reset_command();

    core::LineFramer framer_;
    ReaderState state_ = ReaderState::Line;
    bool raw_line_ = false;
    std::string command_;
    std::size_t line_octets_ = 0;       // of command_, literal octets excluded
    std::uint64_t literal_octets_ = 0;  // of command_
    std::uint64_t literal_remaining_ = 0;
    std::uint64_t discard_budget_ = 0;
    bool skipping_ = false;    // dropping the rest of a command
    std::string pending_tag_;  // tag of the command being skipped
};

}  // namespace maillab::protocols::imap
