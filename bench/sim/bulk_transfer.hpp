// The simulator's bulk path: one large send over one virtual connection
// (a big attachment through a lesson, or from a real client through
// maillab serve). Its wall time must grow linearly with the size.
#pragma once

namespace maillab::bench {

// Prints the wall time of 16 MiB and of 64 MiB; false if bytes went missing.
bool run_bulk_transfer();

}  // namespace maillab::bench
