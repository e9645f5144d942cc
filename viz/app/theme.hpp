// The one place where maillab's colours live: the ImGui style for light and
// dark themes, and one colour per protocol used by every view and the legend.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "viz/app/gui_options.hpp"

namespace maillab::viz {

enum class ProtocolColor { Tcp, Dns, Smtp, Pop3, Imap, Tls, Store, Queue, Device, Lesson };

// The protocol a standard port carries (25/465/587 SMTP, 110/995 POP3, 143/993 IMAP, 53 DNS).
ProtocolColor protocol_for_port(std::uint16_t port);

struct Theme {
    ThemeKind kind = ThemeKind::Dark;

    void apply(float scale) const;
    ImU32 protocol(ProtocolColor which) const;
    ImU32 text_muted() const;
    ImU32 highlight() const;
    ImU32 failure() const;
    ImU32 success() const;
};

}  // namespace maillab::viz
