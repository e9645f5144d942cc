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
// How many pixels the system wants per logical pixel (HiDPI).
float content_scale(GLFWwindow* window);
// Calls frame until it returns false. In a browser the page drives the frames
// (requestAnimationFrame) and this never returns: what the caller keeps on its
// stack stays alive for as long as the page shows.
void run_frames(const std::function<bool()>& frame);

}  // namespace maillab::viz::platform
