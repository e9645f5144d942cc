# Shared settings for every maillab target: warnings as errors, sanitizers,
# and the two helpers that keep each folder's CMakeLists.txt short.

add_library(maillab_options INTERFACE)
target_compile_options(maillab_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wdouble-promotion -Wformat=2 -Werror
    # GCC 12 warns on designated initializers that rely on member defaults.
    -Wno-missing-field-initializers)
if(MAILLAB_SANITIZE)
    target_compile_options(maillab_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(maillab_options INTERFACE -fsanitize=address,undefined)
    # GCC 12 reports false -Wrestrict errors inside std::string under ASan (GCC bug 105329).
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(maillab_options INTERFACE -Wno-restrict)
    endif()
endif()
if(MAILLAB_FUZZ)
    # Coverage for the libraries under test, not only for the fuzz target's own file.
    target_compile_options(maillab_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

# maillab_library(NAME SOURCES ... DEPS ...): one static library per concept folder.
function(maillab_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE maillab_options)
endfunction()
