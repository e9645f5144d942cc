// The printable account sheet of `maillab serve --classroom`: one section per
// student (and one for the teacher) with the address, the password, and how
// to set up Thunderbird, iPhone/iPad Mail, the Gmail app on Android and mutt
// against this server: its address, the real ports it listens on, which TLS
// choice to pick, and the certificate fingerprint to compare with what the
// app shows. Written as plain text and as HTML (one section a printed page).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/classroom_accounts.hpp"

namespace maillab::cli {

// The real ports serve listens on for each service.
struct SheetPorts {
    std::uint16_t submission = 0;   // SMTP with STARTTLS
    std::uint16_t submissions = 0;  // SMTP on implicit TLS
    std::uint16_t imap = 0;         // STARTTLS
    std::uint16_t imaps = 0;
    std::uint16_t pop3 = 0;  // STLS
    std::uint16_t pop3s = 0;
};

struct SheetServer {
    std::string address;  // what students type as the server name
    std::string domain;   // mail addresses are USER@domain
    SheetPorts ports;
    std::string fingerprint_sha256;  // "AB:CD:…"
    bool plaintext_allowed = false;  // --allow-plaintext: passwords accepted without TLS
};

// One account's section: a title and its lines, which both renderings share.
struct SheetSection {
    std::string title;
    std::vector<std::string> lines;  // a line starting with "## " is a subheading
};

SheetSection account_section(const SheetServer& server, const ClassroomAccount& account);
std::string account_sheet_text(const SheetServer& server,
                               const std::vector<ClassroomAccount>& accounts);
std::string account_sheet_html(const SheetServer& server,
                               const std::vector<ClassroomAccount>& accounts);

}  // namespace maillab::cli
