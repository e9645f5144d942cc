#include "viz/model/presenter_scale.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace maillab::viz;

TEST_CASE("presenter scale: steps of 25 % between 100 % and 250 %") {
    PresenterScale scale;
    REQUIRE(scale.percent() == 100);
    scale.smaller();
    REQUIRE(scale.percent() == 100);
    scale.larger();
    scale.larger();
    REQUIRE(scale.percent() == 150);
    REQUIRE(scale.factor() == Approx(1.5f));
    for (int i = 0; i < 10; ++i)
        scale.larger();
    REQUIRE(scale.percent() == 250);
    scale.reset();
    REQUIRE(scale.percent() == 100);
    REQUIRE(PresenterScale{400}.percent() == 250);
}

TEST_CASE("presenter scale: --scale takes 150 or 150%, within range") {
    REQUIRE(PresenterScale::parse_percent("150") == 150);
    REQUIRE(PresenterScale::parse_percent("175%") == 175);
    REQUIRE_FALSE(PresenterScale::parse_percent("90"));
    REQUIRE_FALSE(PresenterScale::parse_percent("300%"));
    REQUIRE_FALSE(PresenterScale::parse_percent("1.5"));
    REQUIRE_FALSE(PresenterScale::parse_percent(""));
}

TEST_CASE("presenter scale: remembered in the settings file") {
    const auto dir = std::filesystem::temp_directory_path() / "maillab_view_settings_test";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "settings.ini").string();
    std::filesystem::remove(path);
    REQUIRE(load_view_settings(path).scale_percent == 100);  // no file yet
    REQUIRE(save_view_settings(path, ViewSettings{175}));
    REQUIRE(load_view_settings(path).scale_percent == 175);
    std::ofstream{path} << "scale_percent = lots\nunknown = 3\n";
    REQUIRE(load_view_settings(path).scale_percent == 100);
    std::filesystem::remove_all(dir);
}
