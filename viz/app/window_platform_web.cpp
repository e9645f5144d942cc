#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include <memory>

#include "viz/app/window_platform.hpp"

namespace maillab::viz::platform {

namespace {

using Frame = std::function<bool()>;

// The frame function lives on the heap until it says it is done.
void call_frame(void* owned) {
    auto* frame = static_cast<Frame*>(owned);
    if ((*frame)()) return;
    emscripten_cancel_main_loop();
    delete frame;
}

}  // namespace

// WebGL 2, which is OpenGL ES 3.0.
void request_context() {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
}

const char* glsl_version() {
    return "#version 300 es";
}

// The page gives the canvas one pixel per screen pixel (CSS size times the
// device pixel ratio), as a desktop window has: text is drawn at the
// screen's resolution instead of being stretched, and this is the scale.
// Browser zoom changes it while the page shows.
float content_scale(GLFWwindow* /*window*/) {
    const double ratio = emscripten_get_device_pixel_ratio();
    return ratio > 0.0 ? static_cast<float>(ratio) : 1.0f;
}

// The loop is set up without simulating an infinite one: that would leave by
// throwing through the callers, and with WebAssembly exceptions their
// destructors would run and free the state the frames still use. Returning
// is simpler: main returns, the runtime stays (EXIT_RUNTIME is off) and the
// frame function owns its state.
void run_frames(Frame frame) {
    auto owned = std::make_unique<Frame>(std::move(frame));
    // 0 frames per second: the browser's requestAnimationFrame paces the loop.
    emscripten_set_main_loop_arg(call_frame, owned.release(), 0, 0);
}

}  // namespace maillab::viz::platform
