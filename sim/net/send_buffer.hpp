// SendBuffer: the bytes a TCP end has queued and the peer has not yet
// acknowledged, oldest first. Acknowledged bytes leave from the front; they
// are skipped with an offset and compacted away only once they outweigh the
// rest, so a 20 MB send acknowledged segment by segment costs linear time
// (erasing the front at every ACK moved the whole remainder each time).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace maillab::sim {

class SendBuffer {
public:
    void append(std::string_view bytes) {
        if (head_ == bytes_.size()) clear();  // nothing left to keep: start over
        bytes_.append(bytes);
    }
    // Bytes not yet acknowledged.
    std::size_t size() const { return bytes_.size() - head_; }
    bool empty() const { return size() == 0; }
    // Up to length bytes from offset (counted from the oldest unacknowledged byte).
    std::string_view view(std::size_t offset, std::size_t length) const {
        return std::string_view{bytes_}.substr(head_ + offset, length);
    }
    // The oldest n bytes were acknowledged (n <= size()).
    void consume(std::size_t n) {
        head_ += n;
        if (head_ == bytes_.size()) {
            clear();
        } else if (head_ > bytes_.size() - head_) {
            bytes_.erase(0, head_);
            head_ = 0;
        }
    }

private:
    void clear() {
        bytes_.clear();
        head_ = 0;
    }

    std::string bytes_;
    std::size_t head_ = 0;  // bytes at the front already acknowledged
};

}  // namespace maillab::sim
