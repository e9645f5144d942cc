#include "sim/trace/jsonl_export.hpp"

#include <cstdio>

#include "protocols/core/base64.hpp"
#include "protocols/core/utf8.hpp"

namespace maillab::sim {

std::string json_quote(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() + 2);
    out.push_back('"');
    for (const char c : utf8) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
                    out += buf;
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
    return out;
}

namespace {

void add_text(std::string& line, std::string_view name, std::string_view text) {
    if (text.empty()) return;
    line += ',';
    if (protocols::core::is_valid_utf8(text)) {
        line += json_quote(name);
        line += ':';
        line += json_quote(text);
    } else {
        line += json_quote(std::string{name} + "_base64");
        line += ':';
        line += json_quote(protocols::core::encode_base64(text));
    }
}

void add_number(std::string& line, std::string_view name, std::int64_t value) {
    line += ',';
    line += json_quote(name);
    line += ':';
    line += std::to_string(value);
}

}  // namespace

std::string to_jsonl_line(const Trace& trace, const Event& e) {
    std::string line = "{\"t\":" + std::to_string(e.t);
    add_number(line, "seq", static_cast<std::int64_t>(e.seq));
    line += ",\"kind\":" + json_quote(to_string(e.kind));
    if (e.dir != Direction::None) line += ",\"dir\":" + json_quote(to_string(e.dir));
    if (e.host != kNoHost) add_number(line, "host", e.host);
    if (e.peer != kNoHost) add_number(line, "peer", e.peer);
    if (e.conn != kNoConn) add_number(line, "conn", e.conn);
    if (e.value != 0) add_number(line, "value", e.value);
    if (e.aux != 0) add_number(line, "aux", e.aux);
    add_text(line, "payload", trace.payload(e));
    add_text(line, "note", trace.note(e));
    add_text(line, "ref", trace.ref(e));
    line += '}';
    return line;
}

void write_jsonl(const Trace& trace, std::ostream& out) {
    for (const Event& e : trace.events())
        out << to_jsonl_line(trace, e) << '\n';
}

}  // namespace maillab::sim
