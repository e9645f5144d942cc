#include "cli/class_report.hpp"

#include <set>

#include "sim/trace/jsonl_export.hpp"

namespace maillab::cli {

namespace {

std::string json_list(const std::set<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        if (out.size() > 1) out += ", ";
        out += sim::json_quote(item);
    }
    return out + "]";
}

}  // namespace

std::string class_report_json(const viz::ClassTable& table) {
    std::string out = "{\n  \"students\": [";
    bool first = true;
    for (const auto& row : table.rows()) {
        out += first ? "\n" : ",\n";
        first = false;
        out += "    {\"account\": " + sim::json_quote(row.account) +
               ", \"apps\": " + json_list(row.apps) +
               ", \"protocols\": " + json_list(row.protocols) +
               ", \"sent\": " + std::to_string(row.sent) +
               ", \"received\": " + std::to_string(row.received) +
               ", \"sessions\": " + std::to_string(row.sessions) +
               ", \"open_sessions\": " + std::to_string(row.open_sessions) + "}";
    }
    out +=
        "\n  ],\n  \"unidentified_open_sessions\": " + std::to_string(table.unidentified_open()) +
        "\n}\n";
    return out;
}

}  // namespace maillab::cli
