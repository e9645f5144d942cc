#include "protocols/durable/write_back.hpp"

namespace maillab::protocols::durable {

void start_write_back(int /*fd*/) {}

}  // namespace maillab::protocols::durable
