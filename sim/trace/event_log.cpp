#include "sim/trace/event_log.hpp"

#include <cstdlib>
#include <new>
#include <utility>

namespace maillab::sim {

namespace {
constexpr std::size_t kFirstCapacity = 256;
}  // namespace

EventLog::~EventLog() {
    std::free(data_);
}

EventLog::EventLog(EventLog&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

EventLog& EventLog::operator=(EventLog&& other) noexcept {
    if (this != &other) {
        std::free(data_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
}

void EventLog::push_back(const Event& e) {
    if (size_ == capacity_) grow();
    ::new (static_cast<void*>(data_ + size_)) Event(e);
    ++size_;
}

void EventLog::grow() {
    const std::size_t capacity = capacity_ == 0 ? kFirstCapacity : capacity_ * 2;
    void* grown = std::realloc(data_, capacity * sizeof(Event));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<Event*>(grown);
    capacity_ = capacity;
}

}  // namespace maillab::sim
