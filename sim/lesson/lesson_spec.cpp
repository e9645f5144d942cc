#include "sim/lesson/lesson_spec.hpp"

#include <algorithm>

namespace maillab::sim::lesson {

std::string_view level_name(Level level) {
    switch (level) {
        case Level::Beginner:
            return "beginner";
        case Level::Intermediate:
            return "intermediate";
        case Level::Advanced:
            return "advanced";
    }
    return "beginner";
}

std::string_view service_name(Service service) {
    switch (service) {
        case Service::Smtp:
            return "smtp";
        case Service::Submission:
            return "submission";
        case Service::Submissions:
            return "submissions";
        case Service::Pop3:
            return "pop3";
        case Service::Pop3s:
            return "pop3s";
        case Service::Imap:
            return "imap";
        case Service::Imaps:
            return "imaps";
    }
    return "smtp";
}

std::uint16_t service_port(Service service) {
    switch (service) {
        case Service::Smtp:
            return 25;
        case Service::Submission:
            return 587;
        case Service::Submissions:
            return 465;
        case Service::Pop3:
            return 110;
        case Service::Pop3s:
            return 995;
        case Service::Imap:
            return 143;
        case Service::Imaps:
            return 993;
    }
    return 25;
}

std::string_view device_kind_name(DeviceKind kind) {
    return kind == DeviceKind::Phone ? "phone" : "laptop";
}

std::string_view tls_name(Tls tls) {
    switch (tls) {
        case Tls::None:
            return "none";
        case Tls::StartTls:
            return "starttls";
        case Tls::Implicit:
            return "implicit";
    }
    return "none";
}

std::string_view dsn_notify_name(DsnNotify notify) {
    switch (notify) {
        case DsnNotify::Success:
            return "success";
        case DsnNotify::Failure:
            return "failure";
        case DsnNotify::Delay:
            return "delay";
    }
    return "failure";
}

std::string_view dsn_kind_name(DsnKind kind) {
    switch (kind) {
        case DsnKind::Success:
            return "success";
        case DsnKind::Failure:
            return "failure";
        case DsnKind::Delay:
            return "delay";
    }
    return "failure";
}

bool ServerSpec::runs(Service service) const {
    return std::find(services.begin(), services.end(), service) != services.end();
}

const AccountSpec* ServerSpec::account(std::string_view user) const {
    for (const auto& a : accounts)
        if (a.user == user) return &a;
    return nullptr;
}

const DeviceAccountSpec* DeviceSpec::account(std::string_view user) const {
    for (const auto& a : accounts)
        if (a.user == user) return &a;
    return nullptr;
}

const ServerSpec* WorldSpec::server(std::string_view name) const {
    for (const auto& s : servers)
        if (s.name == name) return &s;
    return nullptr;
}

const DeviceSpec* WorldSpec::device(std::string_view name) const {
    for (const auto& d : devices)
        if (d.name == name) return &d;
    return nullptr;
}

const LinkSpec* WorldSpec::link(std::string_view a, std::string_view b) const {
    for (const auto& l : links)
        if (l.between.connects(a, b)) return &l;
    return nullptr;
}

std::size_t LessonSpec::check_count() const {
    std::size_t n = 0;
    for (const auto& s : steps)
        n += s.checks.size();
    return n;
}

}  // namespace maillab::sim::lesson
