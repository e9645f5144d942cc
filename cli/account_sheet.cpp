#include "cli/account_sheet.hpp"

namespace maillab::cli {

namespace {

std::string port(std::uint16_t number) {
    return std::to_string(number);
}

std::string html_escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

constexpr const char* kSubheading = "## ";
constexpr std::size_t kUnderline = 40;

bool is_subheading(const std::string& line) {
    return line.rfind(kSubheading, 0) == 0;
}

}  // namespace

SheetSection account_section(const SheetServer& s, const ClassroomAccount& a) {
    const std::string address = a.user + "@" + s.domain;
    const std::string host = s.address;
    const SheetPorts& p = s.ports;
    SheetSection section{a.user + " — maillab classroom mail account", {}};
    auto& l = section.lines;
    l = {
        "Mail address:  " + address,
        "User name:     " + a.user,
        "Password:      " + a.password,
        "Server:        " + host + "  (the same for receiving and sending)",
        "Authentication: normal password",
        "",
        "Certificate SHA-256 fingerprint: your app warns that it cannot verify the server;",
        "trust it only if the fingerprint it shows is this one:",
        "  " + s.fingerprint_sha256,
        "",
        std::string{kSubheading} + "Ports",
        "Receive with IMAP:  " + port(p.imaps) + " with SSL/TLS, or " + port(p.imap) +
            " with STARTTLS",
        "Receive with POP3:  " + port(p.pop3s) + " with SSL/TLS, or " + port(p.pop3) +
            " with STARTTLS",
        "Send (SMTP):        " + port(p.submissions) + " with SSL/TLS, or " + port(p.submission) +
            " with STARTTLS",
        s.plaintext_allowed
            ? "This server also accepts passwords without encryption (\"None\"): "
              "today's lesson shows what an eavesdropper sees."
            : "Choose SSL/TLS or STARTTLS: without encryption the server refuses the password.",
        "",
        std::string{kSubheading} + "Thunderbird",
        "1. Add Mail Account: your name, " + address +
            ", the password; click \"Configure "
            "manually\".",
        "2. Incoming: IMAP (or POP3), server " + host + ", port " + port(p.imaps) +
            " (POP3: " + port(p.pop3s) + "), SSL/TLS, Normal password, user name " + a.user + ".",
        "3. Outgoing: SMTP, server " + host + ", port " + port(p.submissions) +
            ", SSL/TLS, Normal password, user name " + a.user + ".",
        "4. Done. At \"Add Security Exception\" press View, compare the SHA-256 fingerprint, "
        "then Confirm Security Exception (once for receiving, once for sending).",
        "",
        std::string{kSubheading} + "iPhone / iPad Mail",
        "1. Settings → Mail → Accounts → Add Account → Other → Add Mail Account: name, " + address +
            ", password.",
        "2. Pick IMAP or POP. Incoming and outgoing host name " + host + ", user name " + a.user +
            ", the password.",
        "3. \"Cannot Verify Server Identity\": Details, compare the fingerprint, Trust. If it "
        "cannot connect, save anyway and set the ports:",
        "4. Account → Advanced: Use SSL on, Server Port " + port(p.imaps) +
            " (POP: " + port(p.pop3s) + "). Outgoing Mail Server → SMTP → " + host +
            ": Use SSL on, Server Port " + port(p.submissions) + ".",
        "",
        std::string{kSubheading} + "Android (Gmail app)",
        "1. Settings → Add account → Other: " + address +
            ", Manual setup, Personal (IMAP) or Personal (POP3), the password.",
        "2. Incoming server " + host + ", port " + port(p.imaps) + " (POP3: " + port(p.pop3s) +
            "), security type \"SSL/TLS (accept all certificates)\".",
        "3. Outgoing server " + host + ", port " + port(p.submissions) +
            ", security type \"SSL/TLS (accept all certificates)\", require sign-in, user " +
            "name " + a.user + ".",
        "The Gmail app does not show the fingerprint: compare it on another device.",
        "",
        std::string{kSubheading} + "mutt (~/.muttrc)",
        "set from = \"" + address + "\"",
        "set folder = \"imaps://" + a.user + "@" + host + ":" + port(p.imaps) + "/\"",
        "set spoolfile = \"+INBOX\"",
        "set smtp_url = \"smtps://" + a.user + "@" + host + ":" + port(p.submissions) + "/\"",
        "set imap_pass = \"" + a.password + "\"",
        "set smtp_pass = \"" + a.password + "\"",
        "mutt shows the certificate's fingerprints on first connect: (a)ccept always if the "
        "SHA-256 one matches.",
    };
    return section;
}

std::string account_sheet_text(const SheetServer& server,
                               const std::vector<ClassroomAccount>& accounts) {
    std::string out;
    for (const auto& account : accounts) {
        const SheetSection section = account_section(server, account);
        out += section.title + "\n" + std::string(kUnderline, '=') + "\n\n";
        for (const auto& line : section.lines) {
            if (is_subheading(line)) {
                out += line.substr(3) + ":\n";
            } else {
                out += line.empty() ? "\n" : "  " + line + "\n";
            }
        }
        out += "\f\n";  // form feed: a new page when printed as text
    }
    return out;
}

std::string account_sheet_html(const SheetServer& server,
                               const std::vector<ClassroomAccount>& accounts) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>maillab classroom accounts</title>\n<style>\n"
        "body { font-family: sans-serif; font-size: 11pt; }\n"
        "section { break-after: page; page-break-after: always; }\n"
        "p { margin: 0.15em 0; }\n"
        "code, .mono { font-family: monospace; }\n"
        "h2 { font-size: 12pt; margin: 0.8em 0 0.2em; }\n"
        "</style>\n</head>\n<body>\n";
    for (const auto& account : accounts) {
        const SheetSection section = account_section(server, account);
        out += "<section>\n<h1>" + html_escaped(section.title) + "</h1>\n";
        for (const auto& line : section.lines) {
            if (is_subheading(line)) {
                out += "<h2>" + html_escaped(line.substr(3)) + "</h2>\n";
            } else if (!line.empty()) {
                out += "<p class=\"mono\">" + html_escaped(line) + "</p>\n";
            }
        }
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace maillab::cli
