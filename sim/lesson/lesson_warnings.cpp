#include "sim/lesson/lesson_warnings.hpp"

#include <algorithm>

namespace maillab::sim::lesson {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return s;
}

// The server that receives mail for the address's domain, if one in the world does.
const ServerSpec* server_for(const WorldSpec& world, const std::string& address) {
    const auto at = address.rfind('@');
    if (at == std::string::npos) return nullptr;
    const std::string domain = lower(address.substr(at + 1));
    for (const auto& server : world.servers)
        for (const auto& d : server.domains)
            if (lower(d) == domain) return &server;
    return nullptr;
}

bool looks_at_refusals(const StepSpec& step) {
    return std::any_of(step.checks.begin(), step.checks.end(), [](const Check& check) {
        const auto* dsn = std::get_if<DsnReceivedCheck>(&check.kind);
        return std::holds_alternative<ReplyCheck>(check.kind) ||
               (dsn != nullptr && dsn->kind == DsnKind::Failure);
    });
}

}  // namespace

std::vector<Diagnostic> lesson_warnings(const LessonSpec& spec, const std::string& file) {
    std::vector<Diagnostic> warnings;
    for (const auto& step : spec.steps) {
        if (looks_at_refusals(step)) continue;
        for (const auto& action : step.actions) {
            const auto* send = std::get_if<SendAction>(&action.kind);
            if (send == nullptr) continue;
            for (const auto& to : send->to) {
                const ServerSpec* server = server_for(spec.world, to);
                if (server == nullptr) continue;
                const std::string user = lower(to.substr(0, to.rfind('@')));
                const bool known =
                    std::any_of(server->accounts.begin(), server->accounts.end(),
                                [&](const AccountSpec& a) { return lower(a.user) == user; });
                if (known) continue;
                warnings.push_back(
                    {file, action.where.line, action.where.column,
                     "warning: " + server->name + " has no account '" + user + "', so it " +
                         "refuses the mail to " + to +
                         " (550), and no check of this step looks at the refusal (add a "
                         "'reply' check, or 'dsn-received' with kind = \"failure\")"});
            }
        }
    }
    return warnings;
}

}  // namespace maillab::sim::lesson
