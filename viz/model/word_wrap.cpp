#include "viz/model/word_wrap.hpp"

namespace maillab::viz {

namespace {

bool continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Splits a word wider than `width` into pieces that fit, at character boundaries.
void cut_long_word(std::string_view word, float width, const TextWidth& measure,
                   std::vector<std::string>& lines) {
    std::string piece;
    for (std::size_t i = 0; i < word.size();) {
        std::size_t next = i + 1;
        while (next < word.size() && continuation_byte(word[next]))
            ++next;
        const std::string_view character = word.substr(i, next - i);
        if (!piece.empty() && measure(piece + std::string{character}) > width) {
            lines.push_back(piece);
            piece.clear();
        }
        piece += character;
        i = next;
    }
    if (!piece.empty()) lines.push_back(piece);
}

void wrap_paragraph(std::string_view paragraph, float width, const TextWidth& measure,
                    std::vector<std::string>& lines) {
    std::string line;
    std::size_t start = 0;
    while (start <= paragraph.size()) {
        std::size_t end = paragraph.find(' ', start);
        if (end == std::string_view::npos) end = paragraph.size();
        const std::string_view word = paragraph.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        const std::string candidate =
            line.empty() ? std::string{word} : line + " " + std::string{word};
        if (measure(candidate) <= width) {
            line = candidate;
            continue;
        }
        if (!line.empty()) lines.push_back(line);
        line.clear();
        if (measure(word) <= width) {
            line = std::string{word};
            continue;
        }
        cut_long_word(word, width, measure, lines);
        line = lines.back();  // the last piece may still take the next word
        lines.pop_back();
    }
    lines.push_back(line);
}

}  // namespace

std::vector<std::string> wrap_words(std::string_view text, float width, const TextWidth& measure) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        wrap_paragraph(text.substr(start, end == std::string_view::npos ? std::string_view::npos
                                                                        : end - start),
                       width, measure, lines);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

}  // namespace maillab::viz
