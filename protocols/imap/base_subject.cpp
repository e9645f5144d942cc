#include "protocols/imap/base_subject.hpp"

#include <cstddef>

#include "protocols/imap/lexer.hpp"
#include "protocols/mime/encoded_words.hpp"

namespace maillab::protocols::imap {

namespace {

// Step (1): decoded, with every tab, CR and LF a space and runs of spaces folded to one.
std::string normalised(std::string_view subject) {
    const std::string decoded = mime::decode_encoded_words(subject);
    std::string out;
    out.reserve(decoded.size());
    for (char c : decoded) {
        if (c == '\t' || c == '\r' || c == '\n') c = ' ';
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view prefix) {
    return text.size() - pos >= prefix.size() && iequals(text.substr(pos, prefix.size()), prefix);
}

std::size_t skip_spaces(std::string_view text, std::size_t pos, std::size_t end) {
    while (pos < end && text[pos] == ' ')
        ++pos;
    return pos;
}

// subj-blob = "[" *BLOBCHAR "]" *WSP at pos: where it ends, or pos when there is none.
std::size_t blob_end(std::string_view text, std::size_t pos, std::size_t end) {
    if (pos >= end || text[pos] != '[') return pos;
    for (std::size_t i = pos + 1; i < end; ++i) {
        if (text[i] == '[') return pos;
        if (text[i] == ']') return skip_spaces(text, i + 1, end);
    }
    return pos;
}

// subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":" at pos: its end, or pos.
std::size_t refwd_end(std::string_view text, std::size_t pos, std::size_t end) {
    const std::string_view window = text.substr(0, end);
    std::size_t p = pos;
    if (starts_with_ci(window, pos, "re")) {
        p += 2;
    } else if (starts_with_ci(window, pos, "fwd")) {
        p += 3;
    } else if (starts_with_ci(window, pos, "fw")) {
        p += 2;
    } else {
        return pos;
    }
    p = blob_end(text, skip_spaces(text, p, end), end);
    if (p < end && text[p] == ':') return p + 1;
    return pos;
}

class Extractor {
public:
    explicit Extractor(std::string text) : text_(std::move(text)), end_(text_.size()) {}

    BaseSubject run() {
        while (true) {
            strip_trailers();          // (2)
            strip_leaders();           // (3), (4), (5)
            if (!unwrap_fwd()) break;  // (6)
        }
        return {text_.substr(begin_, end_ - begin_), reply_or_forward_};
    }

private:
    void strip_trailers() {
        while (end_ > begin_) {
            if (text_[end_ - 1] == ' ') {
                --end_;
            } else if (end_ - begin_ >= 5 &&
                       iequals(std::string_view{text_}.substr(end_ - 5, 5), "(fwd)")) {
                end_ -= 5;
                reply_or_forward_ = true;
            } else {
                return;
            }
        }
    }

    // Steps (3) to (5). A leader is *subj-blob subj-refwd or a space; when blobs are not
    // followed by a subj-refwd, step (4) takes them off one at a time, and after each step (3)
    // would meet the same blobs and the same missing subj-refwd: so all are taken at once,
    // except the last when nothing would be left after it.
    void strip_leaders() {
        while (begin_ < end_) {
            if (text_[begin_] == ' ') {
                ++begin_;
                continue;
            }
            std::size_t last_blob = begin_;
            std::size_t p = begin_;
            for (std::size_t next = blob_end(text_, p, end_); next != p;
                 next = blob_end(text_, p, end_)) {
                last_blob = p;
                p = next;
            }
            const std::size_t refwd = refwd_end(text_, p, end_);
            if (refwd != p) {
                begin_ = refwd;
                reply_or_forward_ = true;
                continue;
            }
            if (p == begin_) return;            // no blob: nothing more to strip
            begin_ = p < end_ ? p : last_blob;  // keep a blob that is all there is
            return;
        }
    }

    // Step (6): subj-fwd-hdr "[fwd:" ... subj-fwd-trl "]" around a non-empty subject.
    bool unwrap_fwd() {
        const std::string_view view{text_};
        if (end_ - begin_ < 6 || !starts_with_ci(view.substr(0, end_), begin_, "[fwd:") ||
            text_[end_ - 1] != ']') {
            return false;
        }
        if (skip_spaces(text_, begin_ + 5, end_ - 1) == end_ - 1) return false;
        begin_ += 5;
        end_ -= 1;
        reply_or_forward_ = true;
        return true;
    }

    std::string text_;
    std::size_t begin_ = 0;
    std::size_t end_;
    bool reply_or_forward_ = false;
};

}  // namespace

BaseSubject base_subject(std::string_view subject) {
    return Extractor{normalised(subject)}.run();
}

}  // namespace maillab::protocols::imap
