#include "viz/app/screenshot.hpp"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace maillab::viz {

namespace {

std::vector<std::uint8_t> read_pixels(int width, int height) {
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) *
                                     static_cast<std::size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    return pixels;
}

}  // namespace

std::string save_framebuffer_png(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no size";
    auto pixels = read_pixels(width, height);
    // OpenGL's rows start at the bottom; PNG's at the top.
    const auto stride = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> flipped(pixels.size());
    for (std::size_t row = 0; row < static_cast<std::size_t>(height); ++row) {
        const std::size_t src = (static_cast<std::size_t>(height) - 1 - row) * stride;
        std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>(src), stride,
                    flipped.begin() + static_cast<std::ptrdiff_t>(row * stride));
    }
    if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride)) ==
        0) {
        return "could not write " + path;
    }
    return {};
}

bool framebuffer_has_content(int width, int height) {
    const auto pixels = read_pixels(width, height);
    for (std::size_t i = 4; i < pixels.size(); i += 4) {
        if (pixels[i] != pixels[0] || pixels[i + 1] != pixels[1] || pixels[i + 2] != pixels[2]) {
            return true;
        }
    }
    return false;
}

}  // namespace maillab::viz
