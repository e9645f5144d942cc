#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include "viz/app/window_platform.hpp"

namespace maillab::viz::platform {

namespace {

void call_frame(void* frame) {
    if (!(*static_cast<std::function<bool()>*>(frame))()) emscripten_cancel_main_loop();
}

}  // namespace

// WebGL 2, which is OpenGL ES 3.0.
void request_context() {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
}

const char* glsl_version() {
    return "#version 300 es";
}

// The page sizes the canvas in CSS pixels; ImGui draws at that size.
float content_scale(GLFWwindow* /*window*/) {
    return 1.0f;
}

void run_frames(const std::function<bool()>& frame) {
    // 0 frames per second: the browser's requestAnimationFrame paces the loop.
    // The last argument unwinds the caller without returning.
    emscripten_set_main_loop_arg(call_frame, const_cast<std::function<bool()>*>(&frame), 0, 1);
}

}  // namespace maillab::viz::platform
