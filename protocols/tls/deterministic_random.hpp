// DeterministicRandom: while an object of this class lives, OpenSSL draws its
// randomness (TLS randoms, ECDHE keys, signature nonces, certificate serials)
// from a stream fixed by a seed, so a simulated world with TLS produces a
// byte-identical trace for the same seed — ciphertext included.
//
// For simulated worlds only: it replaces the process-wide generator, which
// would make real TLS predictable. `maillab serve` never installs it. At most
// one may exist at a time; the destructor restores OpenSSL's own generator.
#pragma once

#include <cstdint>

namespace maillab::protocols::tls {

class DeterministicRandom {
public:
    explicit DeterministicRandom(std::uint64_t seed);
    ~DeterministicRandom();
    DeterministicRandom(const DeterministicRandom&) = delete;
    DeterministicRandom& operator=(const DeterministicRandom&) = delete;

    static bool active();
};

}  // namespace maillab::protocols::tls
