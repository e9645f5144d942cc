// POP3 responses (RFC 1939 §3): a status line "+OK ..." or "-ERR ...",
// optionally with a response code in brackets (RFC 2449 §8), and for some
// commands a multi-line body of CRLF lines ended by ".\r\n", in which every
// line starting with "." gets one more "." (byte-stuffing).
// Server side: formatting. Client side: ResponseReader, fed line by line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::protocols::pop3 {

// RFC 2449 §8 and RFC 3206 response codes this engine uses.
enum class RespCode { None, InUse, LoginDelay, SysTemp, Auth };
std::string_view to_string(RespCode code);

std::string ok_line(std::string_view text);
std::string err_line(std::string_view text, RespCode code = RespCode::None);
// The status line, the byte-stuffed lines and the terminating ".\r\n".
std::string multiline(std::string_view status_text, const std::vector<std::string>& lines);
// CRLF-terminated content (RETR, TOP) byte-stuffed and terminated by ".\r\n".
std::string dot_stuff(std::string_view content);
// The first header lines, the blank line and at most body_lines body lines of
// a CRLF message (TOP, RFC 1939 §7).
std::string top_of_message(std::string_view message, std::size_t body_lines);

// Client side: the limits of what a server may send.
// RFC 2449 §4 allows 512 octets per response line; message lines can be much
// longer in the wild, so a body line may be up to 64 KiB.
inline constexpr std::size_t kMaxResponseLineOctets = 65536;
// One multi-line response (a whole message) may hold at most 64 MiB.
inline constexpr std::size_t kMaxResponseOctets = 64 * 1024 * 1024;

struct Response {
    bool ok = false;
    bool continuation = false;  // "+ " SASL challenge (RFC 5034 §4)
    RespCode code = RespCode::None;
    std::string code_text;    // the code as sent ("IN-USE", "SYS/TEMP", anything else)
    std::string text;         // the rest of the status line
    std::string status_line;  // the whole status line as sent
    std::string body;         // the multi-line body, un-stuffed, CRLF lines
};

class ResponseReader {
public:
    enum class Status { NeedMore, Done, Error };

    // What the next response looks like: multi-line if +OK.
    void expect(bool multiline_if_ok);
    // Feeds one line (without its terminator).
    Status on_line(std::string_view line);
    // The response finished by the last Done.
    const Response& response() const { return response_; }
    const std::string& error() const { return error_; }

private:
    bool multiline_ = false;
    bool in_body_ = false;
    Response response_;
    std::string error_;
};

// Parses "+OK text", "-ERR [CODE] text" or "+ challenge".
std::optional<Response> parse_status_line(std::string_view line);

}  // namespace maillab::protocols::pop3
