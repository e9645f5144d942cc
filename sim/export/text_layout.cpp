#include "sim/export/text_layout.hpp"

#include <algorithm>
#include <cstdio>

#include "protocols/core/utf8.hpp"

namespace maillab::sim {

namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t n = 0;
    for (const char c : utf8) {
        if (!is_continuation(c)) ++n;
    }
    return n;
}

std::string fit(std::string_view utf8, std::size_t columns) {
    if (display_width(utf8) <= columns) return std::string{utf8};
    if (columns == 0) return {};
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (!is_continuation(utf8[i])) {
            if (used == columns - 1) break;
            ++used;
        }
        out.push_back(utf8[i]);
    }
    return out + "…";
}

std::string pad(std::string_view utf8, std::size_t columns) {
    std::string out = fit(utf8, columns);
    out.append(columns - display_width(out), ' ');
    return out;
}

std::vector<std::string> wrap(std::string_view utf8, std::size_t columns) {
    return wrap_hanging(utf8, columns, columns);
}

std::vector<std::string> wrap_hanging(std::string_view utf8, std::size_t first_columns,
                                      std::size_t columns) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        while (pos < utf8.size() && utf8[pos] == ' ')
            ++pos;
        const std::size_t end = std::min(utf8.find(' ', pos), utf8.size());
        if (end == pos) break;
        const std::string_view word = utf8.substr(pos, end - pos);
        pos = end;
        const std::size_t width = lines.empty() ? first_columns : columns;
        const std::size_t need = display_width(line) + (line.empty() ? 0 : 1) + display_width(word);
        if (!line.empty() && need > width) {
            lines.push_back(std::move(line));
            line.clear();
        }
        if (!line.empty()) line.push_back(' ');
        line += fit(word, lines.empty() ? first_columns : columns);
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

std::string_view first_line(std::string_view text) {
    return text.substr(0, text.find_first_of("\r\n"));
}

std::string printable(std::string_view bytes) {
    while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) {
        bytes.remove_suffix(1);
    }
    const bool utf8 = protocols::core::is_valid_utf8(bytes);
    std::string out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F || (u >= 0x80 && !utf8)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            out += buf;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace maillab::sim
