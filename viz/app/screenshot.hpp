// Saves the current OpenGL back buffer as a PNG (stb_image_write).
#pragma once

#include <string>

namespace maillab::viz {

// Returns an empty string on success, otherwise what went wrong.
std::string save_framebuffer_png(const std::string& path, int width, int height);
// True when the image has at least two distinct colours (not blank).
bool framebuffer_has_content(int width, int height);

}  // namespace maillab::viz
