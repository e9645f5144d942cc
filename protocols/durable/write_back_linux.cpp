#include <fcntl.h>

#include "protocols/durable/write_back.hpp"

namespace maillab::protocols::durable {

void start_write_back(int fd) {
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

}  // namespace maillab::protocols::durable
