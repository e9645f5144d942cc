// RAND_METHOD is deprecated in OpenSSL 3 in favour of providers, but it is
// still the simplest supported way to substitute the generator of one
// process; a provider would be several hundred lines for the same effect.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "protocols/tls/deterministic_random.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

namespace maillab::protocols::tls {

namespace {

// SHA-256 in counter mode over (seed, counter): a deterministic stream that
// is still well distributed, so keys and nonces behave like real ones.
struct Stream {
    std::uint64_t seed = 0;
    std::uint64_t counter = 0;
    std::array<unsigned char, 32> block{};
    std::size_t used = 32;

    void refill() {
        unsigned char input[16];
        for (int i = 0; i < 8; ++i) {
            input[i] = static_cast<unsigned char>(seed >> (8 * i));
            input[8 + i] = static_cast<unsigned char>(counter >> (8 * i));
        }
        ++counter;
        unsigned int n = 0;
        EVP_Digest(input, sizeof input, block.data(), &n, EVP_sha256(), nullptr);
        used = 0;
    }

    void fill(unsigned char* out, std::size_t len) {
        while (len > 0) {
            if (used == block.size()) refill();
            const std::size_t n = std::min(len, block.size() - used);
            std::memcpy(out, block.data() + used, n);
            used += n;
            out += n;
            len -= n;
        }
    }
};

Stream* g_stream = nullptr;  // the one active stream; RAND_METHOD offers no user pointer

int stream_bytes(unsigned char* out, int len) {
    if (g_stream == nullptr || len < 0) return 0;
    g_stream->fill(out, static_cast<std::size_t>(len));
    return 1;
}
int stream_seed(const void*, int) {
    return 1;
}
int stream_add(const void*, int, double) {
    return 1;
}
int stream_status() {
    return 1;
}

const RAND_METHOD kMethod = {stream_seed, stream_bytes, nullptr,
                             stream_add,  stream_bytes, stream_status};

}  // namespace

DeterministicRandom::DeterministicRandom(std::uint64_t seed) {
    if (g_stream != nullptr) throw std::logic_error("a DeterministicRandom is already active");
    g_stream = new Stream{seed};
    RAND_set_rand_method(&kMethod);
}

DeterministicRandom::~DeterministicRandom() {
    RAND_set_rand_method(nullptr);
    delete g_stream;
    g_stream = nullptr;
}

bool DeterministicRandom::active() {
    return g_stream != nullptr;
}

}  // namespace maillab::protocols::tls
