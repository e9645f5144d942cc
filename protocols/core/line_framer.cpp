#include "protocols/core/line_framer.hpp"

#include <algorithm>
#include <utility>

namespace maillab::protocols::core {

LineFramer::LineFramer(FramerLimits limits) : limits_(limits) {}

void LineFramer::feed(std::string_view bytes) {
    buffer_.append(bytes);
}

std::size_t LineFramer::buffered() const {
    return buffer_.size() - read_pos_;
}

void LineFramer::discard_buffered() {
    buffer_.clear();
    read_pos_ = scan_pos_ = 0;
    discarding_ = false;
    too_long_prefix_.clear();
}

void LineFramer::compact() {
    // Keep the buffer from growing: drop consumed bytes once they dominate.
    if (read_pos_ > 4096 && read_pos_ * 2 > buffer_.size()) {
        buffer_.erase(0, read_pos_);
        scan_pos_ -= read_pos_;
        read_pos_ = 0;
    }
}

std::size_t LineFramer::prefix_octets() const {
    // Never more than the limit, so the prefix is the same however the line arrived.
    return std::min(kTooLongPrefixOctets, limits_.max_line_octets);
}

std::optional<FramedLine> LineFramer::next_line() {
    const std::size_t lf = buffer_.find('\n', std::max(scan_pos_, read_pos_));
    if (lf == std::string::npos) {
        // The longest a line may still be without being too long: the limit
        // plus a CR that may turn out to be half of the terminator.
        const std::size_t pending = buffer_.size() - read_pos_;
        if (pending > limits_.max_line_octets + 1) {
            if (!discarding_) {
                discarding_ = true;
                too_long_prefix_ = buffer_.substr(read_pos_, prefix_octets());
            }
            buffer_.erase(read_pos_);
        }
        scan_pos_ = buffer_.size();
        compact();
        return std::nullopt;
    }

    const bool has_cr = lf > read_pos_ && buffer_[lf - 1] == '\r';
    const std::size_t end = has_cr ? lf - 1 : lf;
    FramedLine line;
    if (discarding_ || end - read_pos_ > limits_.max_line_octets) {
        line.status = LineStatus::TooLong;
        line.text = discarding_ ? std::exchange(too_long_prefix_, {})
                                : buffer_.substr(read_pos_, prefix_octets());
        discarding_ = false;
    } else {
        line.text = buffer_.substr(read_pos_, end - read_pos_);
        if (!has_cr && limits_.bare_lf == BareLfPolicy::Reject) line.status = LineStatus::BareLf;
    }
    read_pos_ = scan_pos_ = lf + 1;
    compact();
    return line;
}

std::string LineFramer::take_raw(std::size_t max_octets) {
    const std::size_t n = std::min(max_octets, buffered());
    std::string out = buffer_.substr(read_pos_, n);
    read_pos_ += n;
    scan_pos_ = std::max(scan_pos_, read_pos_);
    compact();
    return out;
}

}  // namespace maillab::protocols::core
