// Chunking helpers: the same bytes fed whole, byte by byte, or in random
// chunks must give the same result. Each engine-facing test uses these.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace maillab::test {

using Feeder = std::function<void(std::string_view)>;

inline void feed_whole(std::string_view bytes, const Feeder& feed) {
    feed(bytes);
}

inline void feed_bytewise(std::string_view bytes, const Feeder& feed) {
    for (std::size_t i = 0; i < bytes.size(); ++i)
        feed(bytes.substr(i, 1));
}

inline void feed_random_chunks(std::string_view bytes, std::uint32_t seed, const Feeder& feed) {
    std::mt19937 rng{seed};
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t n = std::uniform_int_distribution<std::size_t>{1, 17}(rng);
        feed(bytes.substr(i, n));
        i += n;
    }
}

// Runs `run` (which builds a fresh consumer, feeds it through the given
// feeder and returns a comparable result) with every chunking strategy and
// returns all results; callers REQUIRE they are equal.
template <typename Result>
std::vector<Result> under_all_chunkings(
    std::string_view bytes,
    const std::function<Result(const std::function<void(const Feeder&)>&)>& run) {
    std::vector<Result> results;
    results.push_back(run([&](const Feeder& f) { feed_whole(bytes, f); }));
    results.push_back(run([&](const Feeder& f) { feed_bytewise(bytes, f); }));
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
        results.push_back(run([&](const Feeder& f) { feed_random_chunks(bytes, seed, f); }));
    }
    return results;
}

}  // namespace maillab::test
