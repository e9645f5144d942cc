#include <GLFW/glfw3.h>

#include "viz/app/window_platform.hpp"

namespace maillab::viz::platform {

void request_context() {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
}

const char* glsl_version() {
    return "#version 150";
}

float content_scale(GLFWwindow* window) {
    float scale_x = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(window, &scale_x, &scale_y);
    return scale_x > 0.0f ? scale_x : 1.0f;
}

void run_frames(std::function<bool()> frame) {
    while (frame()) {
    }
}

}  // namespace maillab::viz::platform
