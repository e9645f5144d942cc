// Asks the kernel to start writing a file's dirty pages back, without
// waiting: a hint before the fsyncs of a batch, so the disk sees the batch
// together. Where there is no such call (a browser's in-memory files) it
// does nothing; CMake picks the file.
#pragma once

namespace maillab::protocols::durable {

void start_write_back(int fd);

}  // namespace maillab::protocols::durable
