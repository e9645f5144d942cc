#include "viz/model/client_names.hpp"

#include <vector>

namespace maillab::viz {

namespace {

constexpr std::string_view kRealClientRole = "real-client";
constexpr std::string_view kIdNameKey = "\"name\" \"";

std::vector<std::string_view> words(std::string_view line, std::size_t at_most) {
    std::vector<std::string_view> out;
    while (!line.empty() && out.size() < at_most) {
        const std::size_t start = line.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        line.remove_prefix(start);
        const std::size_t end = line.find_first_of(" \r\n");
        out.push_back(line.substr(0, end));
        if (end == std::string_view::npos) break;
        line.remove_prefix(end);
    }
    return out;
}

std::string unquoted(std::string_view word) {
    if (word.size() >= 2 && word.front() == '"' && word.back() == '"')
        word = word.substr(1, word.size() - 2);
    return std::string{word};
}

bool same_verb(std::string_view word, std::string_view verb) {
    if (word.size() != verb.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i] >= 'a' && word[i] <= 'z' ? static_cast<char>(word[i] - 32) : word[i];
        if (c != verb[i]) return false;
    }
    return true;
}

}  // namespace

void ClientNames::learn(sim::HostId client, std::string_view command) {
    const auto w = words(command, 3);
    if (w.size() < 2) return;
    Said& said = said_[client];
    if (same_verb(w[0], "EHLO") || same_verb(w[0], "HELO")) said.ehlo = std::string{w[1]};
    if (same_verb(w[0], "USER")) said.login = std::string{w[1]};
    if (same_verb(w[0], "MAIL") && w[1].size() > 6 && same_verb(w[1].substr(0, 6), "FROM:<")) {
        const std::string_view path = w[1].substr(6);
        said.sender = std::string{path.substr(0, path.find('>'))};
    }
    if (w.size() >= 3 && same_verb(w[1], "LOGIN")) said.login = unquoted(w[2]);
    if (same_verb(w[1], "ID")) {
        const std::size_t at = command.find(kIdNameKey);
        if (at != std::string_view::npos) {
            const std::string_view rest = command.substr(at + kIdNameKey.size());
            said.id = std::string{rest.substr(0, rest.find('"'))};
        }
    }
    const std::string& best = !said.login.empty()    ? said.login
                              : !said.sender.empty() ? said.sender
                              : !said.id.empty()     ? said.id
                                                     : said.ehlo;
    if (!best.empty()) names_[client] = best;
}

const ClientNames::Said* ClientNames::said(sim::HostId client) const {
    const auto it = said_.find(client);
    return it == said_.end() ? nullptr : &it->second;
}

void ClientNames::index(const sim::Trace& trace) {
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        switch (e.kind) {
            case sim::EventKind::HostAdded:
                if (trace.note(e) == kRealClientRole) real_clients_.insert(e.host);
                break;
            case sim::EventKind::TcpSyn:
                if (real_clients_.count(e.host) != 0) client_of_[e.conn] = e.host;
                break;
            case sim::EventKind::Command: {
                const auto client = client_of_.find(e.conn);
                if (client != client_of_.end()) learn(client->second, trace.payload(e));
                break;
            }
            default:
                break;
        }
    }
}

}  // namespace maillab::viz
