// The mail workload of the simulator benchmark: maillab's real SMTP, POP3
// and IMAP engines, the ones lessons run, (a) linked by EnginePair and (b)
// over the virtual network, several rounds alternating; prints the median
// wall times and the ratios b/a.
#pragma once

#include <cstddef>

namespace maillab::bench {

// Prints the workload's lines; false when any conversation did not complete.
bool run_mail_workload(std::size_t rounds);

}  // namespace maillab::bench
