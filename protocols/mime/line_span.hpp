// One line of a message, for the parsers that walk a message line by line.
// A line ends in LF, with or without a CR before it (bare-LF messages are
// common on disk and in Maildir); the last line may have no end at all.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace maillab::protocols::mime {

struct LineSpan {
    std::size_t begin = 0;
    std::size_t content_end = 0;  // before the CR LF or LF
    std::size_t next = 0;         // where the following line starts
    bool terminated = false;      // ended with LF (not by the end of the range)

    std::string_view content(std::string_view text) const {
        return text.substr(begin, content_end - begin);
    }
};

// The line starting at `pos` in text[0, end).
inline LineSpan line_at(std::string_view text, std::size_t pos,
                        std::size_t end = std::string_view::npos) {
    end = std::min(end, text.size());
    LineSpan line{pos, end, end, false};
    const std::size_t nl = text.find('\n', pos);
    if (nl != std::string_view::npos && nl < end) {
        line.content_end = nl;
        line.next = nl + 1;
        line.terminated = true;
    }
    if (line.content_end > pos && text[line.content_end - 1] == '\r') --line.content_end;
    return line;
}

}  // namespace maillab::protocols::mime
