#include "protocols/mta/return_path.hpp"

namespace maillab::protocols::mta {

namespace {

bool starts_with_field(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = line[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != name[i]) return false;
    }
    return true;
}

}  // namespace

std::string add_return_path(std::string_view message, std::string_view sender) {
    std::string out = "Return-Path: <";
    for (char c : sender) {
        if (c != '\r' && c != '\n') out += c;
    }
    out += ">\r\n";
    // Copy the header section line by line, leaving out old Return-Path fields
    // (with their folded continuation lines); the body is copied untouched.
    bool skipping = false;
    std::size_t pos = 0;
    while (pos < message.size()) {
        const auto lf = message.find('\n', pos);
        const std::size_t end = lf == std::string_view::npos ? message.size() : lf + 1;
        const std::string_view line = message.substr(pos, end - pos);
        if (line == "\r\n" || line == "\n") break;  // end of the header section
        const bool continuation = line[0] == ' ' || line[0] == '\t';
        if (!continuation) skipping = starts_with_field(line, "return-path");
        if (!skipping) out += line;
        pos = end;
    }
    out += message.substr(pos);
    return out;
}

}  // namespace maillab::protocols::mta
