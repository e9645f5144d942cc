// What differs between a desktop window and a browser's canvas: the OpenGL
// flavour asked for, the content scale, and who drives the frame loop. One
// implementation per platform; CMake picks the file (MAILLAB_WEB).
#pragma once

#include <functional>

struct GLFWwindow;

namespace maillab::viz::platform {

// Window hints to set before glfwCreateWindow.
void request_context();
// The GLSL version line ImGui's OpenGL 3 renderer writes into its shaders.
const char* glsl_version();
// How many pixels the system wants per logical pixel (HiDPI); read every
// frame, since a window moved to another screen, or a zoomed page, changes it.
float content_scale(GLFWwindow* window);
// Calls frame until it returns false. In a browser the page drives the frames
// (requestAnimationFrame): this keeps frame and returns at once, so frame
// must own everything it uses; nothing on the caller's stack lives on.
void run_frames(std::function<bool()> frame);

}  // namespace maillab::viz::platform
