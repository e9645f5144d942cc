#include "viz/app/window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cfloat>
#include <functional>
#include <iostream>
#include <memory>
#include <utility>

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

// Everything the frames use, on the heap and owned by the frame function: in
// a browser the frame loop outlives run_window (see platform::run_frames).
// Members are destroyed in reverse order: ImGui first, the window, then GLFW.
class WindowSession {
public:
    explicit WindowSession(const GuiOptions& options)
        : options_(options), theme_{options.theme}, presenter_(options.scale_percent) {}
    WindowSession(const WindowSession&) = delete;
    WindowSession& operator=(const WindowSession&) = delete;
    ~WindowSession() {
        if (!imgui_ready_) return;
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }

    // Opens the window and sets ImGui up; false (with a message) where it cannot.
    bool open();
    // One frame; false when the window closed or the screenshot is taken.
    bool frame(const DrawFrame& draw);
    int status() const { return status_; }

private:
    void rebuild_for_new_scale();
    void take_screenshot(int width, int height);

    GuiOptions options_;
    Theme theme_;
    PresenterScale presenter_;
    GlfwSession glfw_;
    std::unique_ptr<GLFWwindow, WindowDeleter> window_;
    bool imgui_ready_ = false;
    float content_scale_ = 1.0f;
    int built_percent_ = 0;
    float scale_ = 1.0f;
    Fonts fonts_;
    int status_ = 0;
    int frames_ = 0;
    double last_ = 0.0;
};

bool WindowSession::open() {
    if (!glfw_.ok) {
        std::cerr << no_display_advice();
        status_ = 3;
        return false;
    }
    platform::request_context();
    window_.reset(glfwCreateWindow(options_.width, options_.height, "maillab", nullptr, nullptr));
    if (!window_) {
        std::cerr << "maillab: could not open an OpenGL 3.2 (WebGL 2) window\n";
        status_ = 3;
        return false;
    }
    glfwMakeContextCurrent(window_.get());
    glfwSwapInterval(options_.screenshot_path ? 0 : 1);
    content_scale_ = platform::content_scale(window_.get());

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    imgui_ready_ = true;
    ImGuiIO& io = ImGui::GetIO();
    // Panels are placed by the window's own layout (viz/model/panel_layout), not by ImGui.
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    built_percent_ = presenter_.percent();
    scale_ = content_scale_ * presenter_.factor();
    build_style_and_fonts(theme_, scale_, fonts_);

    ImGui_ImplGlfw_InitForOpenGL(window_.get(), true);
    glfwSetWindowUserPointer(window_.get(), &presenter_);
    glfwSetKeyCallback(window_.get(), scale_key);  // forwards to ImGui's own
    ImGui_ImplOpenGL3_Init(platform::glsl_version());
    last_ = glfwGetTime();
    return true;
}

void WindowSession::rebuild_for_new_scale() {
    const bool presenter_changed = presenter_.percent() != built_percent_;
    built_percent_ = presenter_.percent();
    scale_ = content_scale_ * presenter_.factor();
    build_style_and_fonts(theme_, scale_, fonts_);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    if (presenter_changed && !options_.settings_file.empty() &&
        !save_view_settings(options_.settings_file, ViewSettings{built_percent_})) {
        std::cerr << "maillab: could not remember the scale in " << options_.settings_file << "\n";
    }
}

void WindowSession::take_screenshot(int width, int height) {
    if (!framebuffer_has_content(width, height)) {
        std::cerr << "maillab: the rendered frame is blank\n";
        status_ = 4;
    } else if (auto error = save_framebuffer_png(*options_.screenshot_path, width, height);
               !error.empty()) {
        std::cerr << "maillab: " << error << "\n";
        status_ = 4;
    } else {
        std::cout << "saved " << *options_.screenshot_path << " (" << width << "x" << height
                  << ")\n";
    }
}

bool WindowSession::frame(const DrawFrame& draw) {
    if (glfwWindowShouldClose(window_.get())) return false;
    glfwPollEvents();
    const float content_scale = platform::content_scale(window_.get());
    if (presenter_.percent() != built_percent_ || content_scale != content_scale_) {
        content_scale_ = content_scale;
        rebuild_for_new_scale();
    }
    const double now = glfwGetTime();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot shows the window as nobody is pointing at it: no hover
    // highlight where a virtual screen happens to keep its pointer.
    if (options_.screenshot_path) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    draw(FrameContext{fonts_, theme_, scale_, presenter_, now - last_});
    last_ = now;
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(window_.get(), &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x * 0.8f, bg.y * 0.8f, bg.z * 0.8f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (options_.screenshot_path && ++frames_ >= options_.screenshot_after_frames) {
        take_screenshot(width, height);
        return false;
    }
    glfwSwapBuffers(window_.get());
    return true;
}

}  // namespace

int run_window(const GuiOptions& options, DrawFrame draw) {
    if (!display_available()) {
        std::cerr << no_display_advice();
        return 3;
    }
    glfwSetErrorCallback(print_glfw_error);
    auto session = std::make_shared<WindowSession>(options);
    if (!session->open()) return session->status();
    platform::run_frames([session, draw = std::move(draw)] { return session->frame(draw); });
    return session->status();
}

}  // namespace maillab::viz
