#include "sim/net/send_buffer.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>

using maillab::sim::SendBuffer;

TEST_CASE("a send buffer holds exactly the unacknowledged bytes through appends and acks") {
    std::mt19937_64 rng{7};
    SendBuffer buffer;
    std::string model;  // what the buffer must hold, oldest first
    char next = 'a';
    for (int round = 0; round < 20'000; ++round) {
        if (rng() % 3 == 0) {
            const std::string bytes(rng() % 3000, next);
            next = next == 'z' ? 'a' : static_cast<char>(next + 1);
            buffer.append(bytes);
            model += bytes;
        } else if (!model.empty()) {
            const std::size_t n = rng() % (model.size() + 1);
            buffer.consume(n);
            model.erase(0, n);
        }
        REQUIRE(buffer.size() == model.size());
        REQUIRE(buffer.empty() == model.empty());
        const std::size_t offset = model.empty() ? 0 : rng() % model.size();
        const std::size_t length = rng() % 2000;
        REQUIRE(buffer.view(offset, length) == std::string_view{model}.substr(offset, length));
    }
}

TEST_CASE("a send buffer acknowledged to the end starts over, and a view past the end is empty") {
    SendBuffer buffer;
    buffer.append("HELO a\r\n");
    buffer.consume(8);
    REQUIRE(buffer.empty());
    buffer.append("QUIT\r\n");
    REQUIRE(buffer.view(0, 100) == "QUIT\r\n");
    REQUIRE(buffer.view(6, 100).empty());
}
