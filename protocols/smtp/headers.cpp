#include "protocols/smtp/headers.hpp"

#include <array>

#include "protocols/smtp/ascii.hpp"

namespace maillab::protocols::smtp {

namespace {

std::string two_digits(unsigned v) {
    std::string s = std::to_string(v);
    return v < 10 ? "0" + s : s;
}

}  // namespace

std::string format_rfc5322_date(std::chrono::sys_seconds time) {
    using namespace std::chrono;
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const sys_days day = floor<days>(time);
    const year_month_day ymd{day};
    const hh_mm_ss hms{time - day};
    std::string out = kDays[weekday{day}.c_encoding()];
    out += ", ";
    out += std::to_string(unsigned{ymd.day()});
    out += ' ';
    out += kMonths[unsigned{ymd.month()} - 1];
    out += ' ';
    out += std::to_string(int{ymd.year()});
    out += ' ';
    out += two_digits(static_cast<unsigned>(hms.hours().count())) + ":" +
           two_digits(static_cast<unsigned>(hms.minutes().count())) + ":" +
           two_digits(static_cast<unsigned>(hms.seconds().count()));
    out += " +0000";
    return out;
}

std::string received_protocol(bool esmtp, bool tls, bool authenticated, bool smtputf8) {
    if (!esmtp) return "SMTP";
    std::string p = smtputf8 ? "UTF8SMTP" : "ESMTP";
    if (tls) p += 'S';
    if (authenticated) p += 'A';
    return p;
}

std::string received_header(const ReceivedInfo& info) {
    std::string out = "Received: from " + info.helo_name + " (" +
                      (info.peer_name.empty() ? std::string{"unknown"} : info.peer_name) + " [" +
                      info.peer_address + "])\r\n";
    out += "\tby " + info.by_host + " (maillab) with " + info.protocol + " id " + info.id;
    if (!info.for_recipient.empty()) out += "\r\n\tfor <" + info.for_recipient + ">";
    out += "; " + format_rfc5322_date(info.date) + "\r\n";
    return out;
}

std::string date_header(std::chrono::sys_seconds time) {
    return "Date: " + format_rfc5322_date(time) + "\r\n";
}

std::string message_id_header(std::string_view unique_id, std::string_view host) {
    return "Message-ID: <" + std::string{unique_id} + "@" + std::string{host} + ">\r\n";
}

std::string return_path_header(std::string_view mail_from) {
    return "Return-Path: <" + std::string{mail_from} + ">\r\n";
}

bool has_header(std::string_view message, std::string_view name) {
    std::size_t pos = 0;
    while (pos < message.size()) {
        std::size_t eol = message.find('\n', pos);
        if (eol == std::string_view::npos) eol = message.size();
        std::string_view line = message.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return false;  // end of the header section
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && line.front() != ' ' && line.front() != '\t') {
            std::string_view field = line.substr(0, colon);
            while (!field.empty() && (field.back() == ' ' || field.back() == '\t'))
                field.remove_suffix(1);
            if (iequals(field, name)) return true;
        }
        pos = eol + 1;
    }
    return false;
}

}  // namespace maillab::protocols::smtp
