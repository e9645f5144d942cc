// DataReader: reads the message text after DATA's 354 reply until the end of
// data, whatever the chunking of the input (RFC 5321 §4.1.1.4, §4.5.2).
//
// The rules, chosen to defeat SMTP smuggling (CVE-2023-51764 and friends):
// - Only <CRLF>.<CRLF> ends the message. A bare LF or bare CR before or after
//   the dot ("\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n") never ends it.
// - Bare LF and bare CR inside the message: the reader keeps reading to the
//   real end and then REFUSES the whole message (Outcome::BareLineEnding →
//   550 5.5.2, like Postfix with smtpd_forbid_bare_newline = reject, extended
//   to bare CR because RFC 5321 §2.3.8 forbids both). Refusing rather than
//   normalising means no downstream server can ever see an ambiguous end.
// - Dot-unstuffing: a line starting with "." loses that first dot (§4.5.2).
// - Lines longer than the 1000 octets of §4.5.3.1.6 are accepted up to
//   kMaxDataLineOctets and never split; a longer line makes the reader refuse
//   the message at the end (Outcome::LineTooLong → 554 5.6.0).
// - A message over the size limit is read to its end and dropped
//   (Outcome::TooBig → 552 5.3.4) so the session stays in sync. Memory never
//   exceeds the size limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::protocols::smtp {

// Text lines up to this many octets (without CRLF) are accepted unsplit.
inline constexpr std::size_t kMaxDataLineOctets = 65536;

class DataReader {
public:
    enum class Outcome { Ok, TooBig, LineTooLong, BareLineEnding };

    explicit DataReader(std::size_t max_message_octets);

    // Consumes input up to and including the final ".\r\n"; returns how many
    // octets of `bytes` it used (all of them until the end is seen).
    std::size_t feed(std::string_view bytes);
    bool done() const { return state_ == State::Done; }
    Outcome outcome() const;
    // The unstuffed message with CRLF line ends, empty unless outcome() is Ok.
    std::string take_message();
    // Octets of message text seen (after unstuffing), counted even past the limit.
    std::size_t message_octets() const { return octets_; }

private:
    enum class State { LineStart, InLine, SawCr, Dot, DotCr, Done };

    // Counts octets of message text toward the size limit; false once the
    // message is over it (and dropped).
    bool count(std::size_t octets);
    void put(char c);   // counts toward the size only
    void text(char c);  // message text: also counts toward the line length
    void end_line();
    // Inside a line, the text up to the next CR or LF (most of a message) is
    // taken in one piece; returns where that run ends.
    std::size_t take_text_run(std::string_view bytes, std::size_t from);

    std::size_t max_octets_;
    State state_ = State::LineStart;
    std::string message_;
    std::size_t octets_ = 0;
    std::size_t line_octets_ = 0;
    bool too_big_ = false;
    bool line_too_long_ = false;
    bool bare_ = false;
};

// The sending side: normalises every line end to CRLF, makes sure the text
// ends with CRLF and doubles a leading dot on each line (RFC 5321 §4.5.2).
// The result is ready to be followed by ".\r\n".
std::string dot_stuff(std::string_view message);
// Normalises line ends to CRLF and ends the text with CRLF (for BDAT).
std::string normalize_line_ends(std::string_view message);

}  // namespace maillab::protocols::smtp
