#include <GLFW/glfw3.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/stack.h>

#include <cstdint>

#include "viz/app/window_platform.hpp"

namespace maillab::viz::platform {

namespace {

void call_frame(void* frame) {
    if (!(*static_cast<std::function<bool()>*>(frame))()) emscripten_cancel_main_loop();
}

// Entering the browser's frame loop unwinds the C++ stack with a JavaScript
// exception, and each exception-handling wrapper on the way moves the stack
// pointer back up: the window's state, still in use, would lie in free stack
// that the next call overwrites. Once the unwinding is over (a microtask, before
// any frame or input event), the stack pointer goes back below that state.
// The body is JavaScript.
// clang-format off
EM_JS(void, keep_stack_below, (std::uintptr_t pointer), {
    Promise.resolve().then(function() { stackRestore(pointer); });
});
// clang-format on

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
    keep_stack_below(emscripten_stack_get_current());
    // 0 frames per second: the browser's requestAnimationFrame paces the loop.
    // The last argument leaves the caller without returning.
    emscripten_set_main_loop_arg(call_frame, const_cast<std::function<bool()>*>(&frame), 0, 1);
}

}  // namespace maillab::viz::platform
