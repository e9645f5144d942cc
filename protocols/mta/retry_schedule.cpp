#include "protocols/mta/retry_schedule.hpp"

namespace maillab::protocols::mta {

VirtualTime RetrySchedule::delay_after(int failed_attempts) const {
    if (delays.empty()) return kDefaultRetryDelays.back();
    if (failed_attempts < 1) return delays.front();
    const auto index = static_cast<std::size_t>(failed_attempts - 1);
    return index < delays.size() ? delays[index] : delays.back();
}

}  // namespace maillab::protocols::mta
