// Where `maillab gui --seek` puts the playhead: after lesson step N ("3"), or
// at a virtual time ("12.5s"). A step after the lesson's last one, or a time
// after its last event, is refused with a message that says what the lesson
// has, instead of silently showing the end.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sim/trace/trace.hpp"

namespace maillab::cli {

struct GuiSeek {
    std::size_t events = 0;  // how many trace events are shown; meaningful when error is empty
    std::string error;       // what is wrong with the request, for the user
};

GuiSeek resolve_gui_seek(const sim::Trace& trace, std::string_view seek);

}  // namespace maillab::cli
