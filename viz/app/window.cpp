#include "viz/app/window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <iostream>
#include <memory>

#include "viz/app/display.hpp"
#include "viz/app/screenshot.hpp"

namespace maillab::viz {

namespace {

constexpr const char* kGlslVersion = "#version 150";

struct GlfwSession {
    GlfwSession() { ok = glfwInit() == GLFW_TRUE; }
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
    bool ok = false;
};

struct WindowDeleter {
    void operator()(GLFWwindow* w) const { glfwDestroyWindow(w); }
};

void print_glfw_error(int code, const char* text) {
    std::cerr << "maillab: GLFW error " << code << ": " << text << "\n";
}

}  // namespace

int run_window(const GuiOptions& options, const DrawFrame& draw) {
    if (!display_available()) {
        std::cerr << no_display_advice();
        return 3;
    }
    glfwSetErrorCallback(print_glfw_error);
    GlfwSession glfw;
    if (!glfw.ok) {
        std::cerr << no_display_advice();
        return 3;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    std::unique_ptr<GLFWwindow, WindowDeleter> window{
        glfwCreateWindow(options.width, options.height, "maillab", nullptr, nullptr)};
    if (!window) {
        std::cerr << "maillab: could not open an OpenGL 3.2 window\n";
        return 3;
    }
    glfwMakeContextCurrent(window.get());
    glfwSwapInterval(options.screenshot_path ? 0 : 1);

    float scale_x = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(window.get(), &scale_x, &scale_y);
    const float content_scale = scale_x > 0.0f ? scale_x : 1.0f;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = options.layout_file.empty() ? nullptr : options.layout_file.c_str();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    const Theme theme{options.theme};
    theme.apply(content_scale);
    const Fonts fonts = load_fonts(content_scale);

    ImGui_ImplGlfw_InitForOpenGL(window.get(), true);
    ImGui_ImplOpenGL3_Init(kGlslVersion);

    int status = 0;
    int frames = 0;
    double last = glfwGetTime();
    while (!glfwWindowShouldClose(window.get())) {
        glfwPollEvents();
        const double now = glfwGetTime();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        draw(FrameContext{fonts, theme, content_scale, now - last});
        last = now;
        ImGui::Render();

        int width = 0, height = 0;
        glfwGetFramebufferSize(window.get(), &width, &height);
        glViewport(0, 0, width, height);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x * 0.8f, bg.y * 0.8f, bg.z * 0.8f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        if (options.screenshot_path && ++frames >= options.screenshot_after_frames) {
            if (!framebuffer_has_content(width, height)) {
                std::cerr << "maillab: the rendered frame is blank\n";
                status = 4;
            } else if (auto error = save_framebuffer_png(*options.screenshot_path, width, height);
                       !error.empty()) {
                std::cerr << "maillab: " << error << "\n";
                status = 4;
            } else {
                std::cout << "saved " << *options.screenshot_path << " (" << width << "x" << height
                          << ")\n";
            }
            break;
        }
        glfwSwapBuffers(window.get());
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    return status;
}

}  // namespace maillab::viz
