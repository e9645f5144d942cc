#include "protocols/imap/rfc9051_sections.hpp"

namespace maillab::protocols::imap {

namespace {

constexpr std::string_view kRfc3501 = "RFC 3501 ";
constexpr std::string_view kDropped = "Appendix E";

}  // namespace

const std::vector<std::pair<std::string_view, std::string_view>>& rfc9051_sections() {
    static const std::vector<std::pair<std::string_view, std::string_view>> kSections = {
        {"2.3.1.1", "2.3.1.1"},  // UID
        {"2.3.2", "2.3.2"},      // flags
        {"3", "3"},              // states
        {"3.4", "3.4"},          // logout state
        {"5.1", "5.1"},          // mailbox naming
        {"5.4", "5.4"},          // autologout timer
        {"6", "6"},              // client commands
        {"6.1.1", "6.1.1"},      // CAPABILITY
        {"6.1.2", "6.1.2"},      // NOOP
        {"6.1.3", "6.1.3"},      // LOGOUT
        {"6.2.1", "6.2.1"},      // STARTTLS
        {"6.2.2", "6.2.2"},      // AUTHENTICATE
        {"6.2.3", "6.2.3"},      // LOGIN
        {"6.3.1", "6.3.2"},      // SELECT (9051 §6.3.1 is ENABLE)
        {"6.3.2", "6.3.3"},      // EXAMINE
        {"6.3.3", "6.3.4"},      // CREATE
        {"6.3.4", "6.3.5"},      // DELETE
        {"6.3.5", "6.3.6"},      // RENAME
        {"6.3.6", "6.3.7"},      // SUBSCRIBE
        {"6.3.7", "6.3.8"},      // UNSUBSCRIBE
        {"6.3.8", "6.3.9"},      // LIST
        {"6.3.9", "6.3.9"},      // LSUB: deprecated, LIST (SUBSCRIBED) instead
        {"6.3.10", "6.3.11"},    // STATUS (9051 §6.3.10 is NAMESPACE)
        {"6.3.11", "6.3.12"},    // APPEND
        {"6.4.1", kDropped},     // CHECK: removed, NOOP instead
        {"6.4.2", "6.4.1"},      // CLOSE
        {"6.4.3", "6.4.3"},      // EXPUNGE (9051 §6.4.2 is UNSELECT)
        {"6.4.4", "6.4.4"},      // SEARCH
        {"6.4.5", "6.4.5"},      // FETCH
        {"6.4.6", "6.4.6"},      // STORE
        {"6.4.7", "6.4.7"},      // COPY
        {"6.4.8", "6.4.9"},      // UID (9051 §6.4.8 is MOVE)
        {"7", "7"},              // server responses
        {"7.1", "7.1"},          // status responses and their codes
        {"7.1.1", "7.1.1"},      // OK
        {"7.1.2", "7.1.2"},      // NO
        {"7.1.3", "7.1.3"},      // BAD
        {"7.1.4", "7.1.4"},      // PREAUTH
        {"7.1.5", "7.1.5"},      // BYE
        {"7.2.1", "7.2.2"},      // CAPABILITY (9051 §7.2.1 is ENABLED)
        {"7.2.2", "7.3.1"},      // LIST
        {"7.2.3", "7.3.1"},      // LSUB: LIST with \Subscribed
        {"7.2.4", "7.3.3"},      // STATUS
        {"7.2.5", "7.3.4"},      // SEARCH: ESEARCH
        {"7.2.6", "7.3.5"},      // FLAGS
        {"7.3.1", "7.4.1"},      // EXISTS
        {"7.3.2", kDropped},     // RECENT: removed with \Recent
        {"7.4.1", "7.5.1"},      // EXPUNGE
        {"7.4.2", "7.5.2"},      // FETCH
        {"7.5", "7.6"},          // command continuation request
    };
    return kSections;
}

std::optional<std::string_view> rfc9051_section(std::string_view rfc3501_section) {
    for (const auto& [old_section, new_section] : rfc9051_sections())
        if (old_section == rfc3501_section) return new_section;
    return std::nullopt;
}

std::string cite_rfc9051(std::string_view reference) {
    std::string out;
    for (std::size_t at = reference.find(kRfc3501); at != std::string_view::npos;
         at = reference.find(kRfc3501)) {
        out += reference.substr(0, at);
        reference.remove_prefix(at + kRfc3501.size());
        // The sections cited: "§6.3.1" or "§6.3.4, §7.1.5".
        const std::string_view cited = reference;
        std::string sections;
        bool mapped = true;
        while (reference.starts_with("§")) {
            reference.remove_prefix(std::string_view{"§"}.size());
            const std::size_t end = reference.find_first_not_of("0123456789.");
            std::string_view number = reference.substr(0, end);
            if (number.ends_with('.')) number.remove_suffix(1);
            reference.remove_prefix(number.size());
            const auto counterpart = rfc9051_section(number);
            mapped = mapped && counterpart.has_value();
            if (!sections.empty()) sections += ", ";
            if (counterpart == kDropped) {
                sections += *counterpart;
            } else {
                sections += "§";
                sections += counterpart.value_or(number);
            }
            if (!reference.starts_with(", §")) break;
            reference.remove_prefix(2);
        }
        if (mapped) {
            out += "RFC 9051 " + sections;
        } else {
            out += kRfc3501;
            out += cited.substr(0, cited.size() - reference.size());
        }
    }
    out += reference;
    return out;
}

}  // namespace maillab::protocols::imap
