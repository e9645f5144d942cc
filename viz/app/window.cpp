#include "viz/app/window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cfloat>
#include <functional>
#include <iostream>
#include <memory>

#include "viz/app/display.hpp"
#include "viz/app/screenshot.hpp"
#include "viz/app/window_platform.hpp"

namespace maillab::viz {

namespace {

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

// Ctrl+= (or + on the keypad) larger, Ctrl+- smaller, Ctrl+0 back to 100 %.
// Read from GLFW's key events themselves, before ImGui sees them: a press
// and release within one frame (a quick tap, a remote clicker) still counts.
void scale_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
    auto* presenter = static_cast<PresenterScale*>(glfwGetWindowUserPointer(window));
    if (presenter == nullptr || action == GLFW_RELEASE || (mods & GLFW_MOD_CONTROL) == 0) return;
    if (ImGui::GetIO().WantTextInput) return;
    if (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD) presenter->larger();
    if (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT) presenter->smaller();
    if (key == GLFW_KEY_0 || key == GLFW_KEY_KP_0) presenter->reset();
}

// Fonts are rasterised at their final size (never stretched), and the
// style's paddings and spacings scaled from the same factor.
void build_style_and_fonts(const Theme& theme, float scale, Fonts& fonts) {
    theme.apply(scale);
    fonts = load_fonts(scale);
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
    platform::request_context();
    std::unique_ptr<GLFWwindow, WindowDeleter> window{
        glfwCreateWindow(options.width, options.height, "maillab", nullptr, nullptr)};
    if (!window) {
        std::cerr << "maillab: could not open an OpenGL 3.2 (WebGL 2) window\n";
        return 3;
    }
    glfwMakeContextCurrent(window.get());
    glfwSwapInterval(options.screenshot_path ? 0 : 1);

    const float content_scale = platform::content_scale(window.get());

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // Panels are placed by the window's own layout (viz/model/panel_layout), not by ImGui.
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    const Theme theme{options.theme};
    PresenterScale presenter{options.scale_percent};
    int built_percent = presenter.percent();
    float scale = content_scale * presenter.factor();
    Fonts fonts;
    build_style_and_fonts(theme, scale, fonts);

    ImGui_ImplGlfw_InitForOpenGL(window.get(), true);
    glfwSetWindowUserPointer(window.get(), &presenter);
    glfwSetKeyCallback(window.get(), scale_key);  // forwards to ImGui's own
    ImGui_ImplOpenGL3_Init(platform::glsl_version());

    int status = 0;
    int frames = 0;
    double last = glfwGetTime();
    const std::function<bool()> frame = [&] {
        if (glfwWindowShouldClose(window.get())) return false;
        glfwPollEvents();
        if (presenter.percent() != built_percent) {
            built_percent = presenter.percent();
            scale = content_scale * presenter.factor();
            build_style_and_fonts(theme, scale, fonts);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            if (!options.settings_file.empty() &&
                !save_view_settings(options.settings_file, ViewSettings{built_percent})) {
                std::cerr << "maillab: could not remember the scale in " << options.settings_file
                          << "\n";
            }
        }
        const double now = glfwGetTime();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // A screenshot shows the window as nobody is pointing at it: no hover
        // highlight where a virtual screen happens to keep its pointer.
        if (options.screenshot_path) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::NewFrame();
        draw(FrameContext{fonts, theme, scale, presenter, now - last});
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
            return false;
        }
        glfwSwapBuffers(window.get());
        return true;
    };
    platform::run_frames(frame);

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    return status;
}

}  // namespace maillab::viz
