#include "protocols/pop3/response.hpp"

namespace maillab::protocols::pop3 {

std::string_view to_string(RespCode code) {
    switch (code) {
        case RespCode::InUse:
            return "IN-USE";
        case RespCode::LoginDelay:
            return "LOGIN-DELAY";
        case RespCode::SysTemp:
            return "SYS/TEMP";
        case RespCode::Auth:
            return "AUTH";
        case RespCode::None:
            break;
    }
    return "";
}

std::string ok_line(std::string_view text) {
    std::string out = "+OK";
    if (!text.empty()) out.append(" ").append(text);
    return out + "\r\n";
}

std::string err_line(std::string_view text, RespCode code) {
    std::string out = "-ERR";
    if (code != RespCode::None) out.append(" [").append(to_string(code)).append("]");
    if (!text.empty()) out.append(" ").append(text);
    return out + "\r\n";
}

namespace {

void append_stuffed_line(std::string& out, std::string_view line) {
    if (!line.empty() && line.front() == '.') out += '.';
    out.append(line);
    out += "\r\n";
}

// Calls f(line) for each line of CRLF (or LF) content, without terminators.
template <typename F>
void for_each_line(std::string_view content, F&& f) {
    while (!content.empty()) {
        const std::size_t lf = content.find('\n');
        std::string_view line = content.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!f(line)) return;
        content.remove_prefix(lf == std::string_view::npos ? content.size() : lf + 1);
    }
}

}  // namespace

std::string multiline(std::string_view status_text, const std::vector<std::string>& lines) {
    std::string out = ok_line(status_text);
    for (const auto& line : lines)
        append_stuffed_line(out, line);
    return out + ".\r\n";
}

std::string dot_stuff(std::string_view content) {
    std::string out;
    out.reserve(content.size() + content.size() / 64 + 8);
    for_each_line(content, [&](std::string_view line) {
        append_stuffed_line(out, line);
        return true;
    });
    return out + ".\r\n";
}

std::string top_of_message(std::string_view message, std::size_t body_lines) {
    std::string out;
    bool in_body = false;
    std::size_t sent_body = 0;
    for_each_line(message, [&](std::string_view line) {
        if (in_body) {
            if (sent_body == body_lines) return false;
            ++sent_body;
        } else if (line.empty()) {
            in_body = true;
        }
        out.append(line).append("\r\n");
        return true;
    });
    return out;
}

std::optional<Response> parse_status_line(std::string_view line) {
    Response r;
    r.status_line = std::string{line};
    std::string_view rest;
    if (line.starts_with("+OK")) {
        r.ok = true;
        rest = line.substr(3);
    } else if (line.starts_with("-ERR")) {
        rest = line.substr(4);
    } else if (line.starts_with("+")) {
        r.continuation = true;
        rest = line.substr(1);
        if (rest.starts_with(" ")) rest.remove_prefix(1);
        r.text = std::string{rest};
        return r;
    } else {
        return std::nullopt;
    }
    if (!rest.empty() && rest.front() != ' ') return std::nullopt;
    if (!rest.empty()) rest.remove_prefix(1);
    if (rest.starts_with("[")) {
        const std::size_t close = rest.find(']');
        if (close != std::string_view::npos) {
            r.code_text = std::string{rest.substr(1, close - 1)};
            for (RespCode c :
                 {RespCode::InUse, RespCode::LoginDelay, RespCode::SysTemp, RespCode::Auth}) {
                if (to_string(c) == r.code_text) r.code = c;
            }
            rest.remove_prefix(close + 1);
            if (rest.starts_with(" ")) rest.remove_prefix(1);
        }
    }
    r.text = std::string{rest};
    return r;
}

void ResponseReader::expect(bool multiline_if_ok) {
    multiline_ = multiline_if_ok;
    in_body_ = false;
    response_ = {};
    error_.clear();
}

ResponseReader::Status ResponseReader::on_line(std::string_view line) {
    if (in_body_) {
        if (line == ".") {
            in_body_ = false;
            return Status::Done;
        }
        if (line.starts_with(".")) line.remove_prefix(1);
        if (response_.body.size() + line.size() + 2 > kMaxResponseOctets) {
            error_ = "the server sent more than " + std::to_string(kMaxResponseOctets) +
                     " octets in one response";
            return Status::Error;
        }
        response_.body.append(line).append("\r\n");
        return Status::NeedMore;
    }
    auto parsed = parse_status_line(line);
    if (!parsed) {
        error_ = "the server sent neither +OK nor -ERR";
        return Status::Error;
    }
    response_ = std::move(*parsed);
    if (response_.ok && multiline_) {
        in_body_ = true;
        return Status::NeedMore;
    }
    return Status::Done;
}

}  // namespace maillab::protocols::pop3
