# The browser build (MAILLAB_WEB, configured by scripts/web through emcmake):
# Emscripten's GLFW 3 and WebGL 2, Dear ImGui compiled from Debian's source
# package, OpenSSL built for WebAssembly, and the header-only toml++ and CLI11
# from the machine. It defines the targets the desktop build finds with
# find_package/pkg-config under the same names, so the folders' CMakeLists
# stay as they are. Real sockets (Asio), libpcap and the tests are left out.
if(NOT EMSCRIPTEN)
    message(FATAL_ERROR "MAILLAB_WEB needs Emscripten's toolchain: build it with scripts/web")
endif()
set(MAILLAB_IMGUI_SOURCE_DIR "" CACHE PATH "Dear ImGui's sources (apt-get source imgui)")
set(MAILLAB_OPENSSL_DIR "" CACHE PATH "OpenSSL installed for WebAssembly")
foreach(dir MAILLAB_IMGUI_SOURCE_DIR MAILLAB_OPENSSL_DIR)
    if(NOT IS_DIRECTORY "${${dir}}")
        message(FATAL_ERROR "${dir} is not set to a folder: build with scripts/web")
    endif()
endforeach()

# toml++ and CLI11 report errors by throwing. WebAssembly exceptions, not
# JavaScript ones: a frame costs about a third less (bench/viz/native_vs_wasm).
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)

# Header-only libraries of the machine, seen through a folder of their own:
# the compiler must never see the rest of /usr/include (glibc's headers).
set(host_headers "${PROJECT_BINARY_DIR}/host-include")
file(MAKE_DIRECTORY "${host_headers}")
foreach(dir CLI toml++)
    if(NOT EXISTS "${host_headers}/${dir}")
        file(CREATE_LINK "/usr/include/${dir}" "${host_headers}/${dir}" SYMBOLIC)
    endif()
endforeach()
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 SYSTEM INTERFACE "${host_headers}")
add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
target_include_directories(tomlplusplus::tomlplusplus SYSTEM INTERFACE "${host_headers}")

add_library(OpenSSL::Crypto STATIC IMPORTED)
set_target_properties(OpenSSL::Crypto PROPERTIES
    IMPORTED_LOCATION "${MAILLAB_OPENSSL_DIR}/lib/libcrypto.a"
    INTERFACE_INCLUDE_DIRECTORIES "${MAILLAB_OPENSSL_DIR}/include")
add_library(OpenSSL::SSL STATIC IMPORTED)
set_target_properties(OpenSSL::SSL PROPERTIES
    IMPORTED_LOCATION "${MAILLAB_OPENSSL_DIR}/lib/libssl.a"
    INTERFACE_INCLUDE_DIRECTORIES "${MAILLAB_OPENSSL_DIR}/include"
    INTERFACE_LINK_LIBRARIES OpenSSL::Crypto)

# GLFW and WebGL 2 are Emscripten's own: link options, no library.
add_library(glfw INTERFACE IMPORTED)
target_link_options(glfw INTERFACE "SHELL:-s USE_GLFW=3")
add_library(OpenGL::GL INTERFACE IMPORTED)
target_link_options(OpenGL::GL INTERFACE "SHELL:-s MIN_WEBGL_VERSION=2" "SHELL:-s MAX_WEBGL_VERSION=2")

set(imgui "${MAILLAB_IMGUI_SOURCE_DIR}")
add_library(maillab_imgui STATIC
    "${imgui}/imgui.cpp" "${imgui}/imgui_draw.cpp" "${imgui}/imgui_tables.cpp"
    "${imgui}/imgui_widgets.cpp" "${imgui}/backends/imgui_impl_glfw.cpp"
    "${imgui}/backends/imgui_impl_opengl3.cpp")
target_include_directories(maillab_imgui SYSTEM PUBLIC "${imgui}")
# WebGL 2 is OpenGL ES 3.0.
target_compile_definitions(maillab_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_link_libraries(maillab_imgui PUBLIC glfw OpenGL::GL)
add_library(PkgConfig::IMGUI ALIAS maillab_imgui)
