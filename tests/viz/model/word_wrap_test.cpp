#include "viz/model/word_wrap.hpp"

#include <catch2/catch.hpp>

using maillab::viz::wrap_words;

namespace {

// One pixel per byte: widths read as character counts in these tests.
float bytes(std::string_view text) {
    return static_cast<float>(text.size());
}

}  // namespace

TEST_CASE("wrap_words breaks prose at spaces only, keeping addresses and quotations whole") {
    const auto lines = wrap_words(
        "From 198.51.100.10 to the server. Bob sends \"Parking permit\"; then", 20.0f, bytes);
    REQUIRE(lines == std::vector<std::string>{"From 198.51.100.10", "to the server. Bob",
                                              "sends \"Parking", "permit\"; then"});
}

TEST_CASE("wrap_words keeps the text's own line breaks and blank lines") {
    const auto lines = wrap_words("one two\n\nthree", 100.0f, bytes);
    REQUIRE(lines == std::vector<std::string>{"one two", "", "three"});
}

TEST_CASE("wrap_words cuts a word wider than the width between UTF-8 characters") {
    const auto lines = wrap_words("ab \xC3\xA9\xC3\xA9\xC3\xA9 cd", 5.0f, bytes);
    // "é" is two bytes: two of them fit in five pixels, the third shares a line with "cd".
    REQUIRE(lines == std::vector<std::string>{"ab", "\xC3\xA9\xC3\xA9", "\xC3\xA9 cd"});
}

TEST_CASE("wrap_words gives one empty line for empty text") {
    REQUIRE(wrap_words("", 10.0f, bytes) == std::vector<std::string>{""});
}
