#include "protocols/imap/response_writer.hpp"

#include <algorithm>

#include <array>
#include <utility>

#include "protocols/imap/lexer.hpp"

namespace maillab::protocols::imap {

namespace {

// IMAP4rev2 (RFC 9051 §9) lets a quoted string hold UTF-8; IMAP4rev1's holds 7-bit text.
bool quotable(std::string_view value, bool utf8 = false) {
    if (value.size() > kMaxQuotedOctets) return false;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || (u >= 0x80 && !utf8) || c == '\r' || c == '\n') return false;
    }
    return true;
}

void write_quoted(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

struct CodeSpec {
    CodeKind kind;
    std::string_view name;
};

constexpr std::array<CodeSpec, 37> kCodes = {{
    {CodeKind::Alert, "ALERT"},
    {CodeKind::AlreadyExists, "ALREADYEXISTS"},
    {CodeKind::AppendUid, "APPENDUID"},
    {CodeKind::AuthenticationFailed, "AUTHENTICATIONFAILED"},
    {CodeKind::AuthorizationFailed, "AUTHORIZATIONFAILED"},
    {CodeKind::BadCharset, "BADCHARSET"},
    {CodeKind::Cannot, "CANNOT"},
    {CodeKind::Capability, "CAPABILITY"},
    {CodeKind::Closed, "CLOSED"},
    {CodeKind::ClientBug, "CLIENTBUG"},
    {CodeKind::ContactAdmin, "CONTACTADMIN"},
    {CodeKind::CopyUid, "COPYUID"},
    {CodeKind::Corruption, "CORRUPTION"},
    {CodeKind::Expired, "EXPIRED"},
    {CodeKind::ExpungeIssued, "EXPUNGEISSUED"},
    {CodeKind::HighestModSeq, "HIGHESTMODSEQ"},
    {CodeKind::InUse, "INUSE"},
    {CodeKind::Limit, "LIMIT"},
    {CodeKind::Modified, "MODIFIED"},
    {CodeKind::NoModSeq, "NOMODSEQ"},
    {CodeKind::NonExistent, "NONEXISTENT"},
    {CodeKind::NoPerm, "NOPERM"},
    {CodeKind::OverQuota, "OVERQUOTA"},
    {CodeKind::Parse, "PARSE"},
    {CodeKind::PermanentFlags, "PERMANENTFLAGS"},
    {CodeKind::PrivacyRequired, "PRIVACYREQUIRED"},
    {CodeKind::ReadOnly, "READ-ONLY"},
    {CodeKind::ReadWrite, "READ-WRITE"},
    {CodeKind::ServerBug, "SERVERBUG"},
    {CodeKind::TooBig, "TOOBIG"},
    {CodeKind::TryCreate, "TRYCREATE"},
    {CodeKind::UidNext, "UIDNEXT"},
    {CodeKind::UidNotSticky, "UIDNOTSTICKY"},
    {CodeKind::UidValidity, "UIDVALIDITY"},
    {CodeKind::Unavailable, "UNAVAILABLE"},
    {CodeKind::UnknownCte, "UNKNOWN-CTE"},
    {CodeKind::Unseen, "UNSEEN"},
}};

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += ' ';
        out += item;
    }
    return out;
}

}  // namespace

void write_string(std::string& out, std::string_view value) {
    if (!quotable(value)) {
        out += '{';
        out += std::to_string(value.size());
        out += "}\r\n";
        out += value;
        return;
    }
    write_quoted(out, value);
}

void write_nstring(std::string& out, const std::optional<std::string>& value) {
    if (value) {
        write_string(out, *value);
    } else {
        out += "NIL";
    }
}

void write_astring(std::string& out, std::string_view value) {
    bool atom = !value.empty() && !iequals(value, "NIL");
    for (char c : value)
        atom = atom && is_astring_char(c);
    if (atom) {
        out += value;
    } else {
        write_string(out, value);
    }
}

void write_mailbox(std::string& out, std::string_view name, bool utf8) {
    const bool eight_bit = std::any_of(
        name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (utf8 && eight_bit && quotable(name, true)) return write_quoted(out, name);
    write_astring(out, name);
}

void write_list(std::string& out, const std::vector<std::string>& items) {
    out += '(';
    out += joined(items);
    out += ')';
}

void write_flag_list(std::string& out, const std::vector<std::string>& flags) {
    write_list(out, flags);
}

std::string_view status_name(Status status) {
    switch (status) {
        case Status::Ok:
            return "OK";
        case Status::No:
            return "NO";
        case Status::Bad:
            return "BAD";
        case Status::Bye:
            return "BYE";
        case Status::Preauth:
            return "PREAUTH";
    }
    return "BAD";
}

std::string_view code_name(CodeKind kind) {
    for (const CodeSpec& spec : kCodes) {
        if (spec.kind == kind) return spec.name;
    }
    return "?";
}

ResponseCode uidvalidity_code(std::uint32_t v) {
    return {CodeKind::UidValidity, std::to_string(v)};
}
ResponseCode uidnext_code(std::uint32_t v) {
    return {CodeKind::UidNext, std::to_string(v)};
}
ResponseCode unseen_code(std::uint32_t v) {
    return {CodeKind::Unseen, std::to_string(v)};
}
ResponseCode highestmodseq_code(std::uint64_t v) {
    return {CodeKind::HighestModSeq, std::to_string(v)};
}
ResponseCode appenduid_code(std::uint32_t validity, std::uint32_t uid) {
    return {CodeKind::AppendUid, std::to_string(validity) + " " + std::to_string(uid)};
}
ResponseCode copyuid_code(std::uint32_t validity, const SequenceSet& from, const SequenceSet& to) {
    return {CodeKind::CopyUid, std::to_string(validity) + " " + format_sequence_set(from) + " " +
                                   format_sequence_set(to)};
}
ResponseCode modified_code(const SequenceSet& set) {
    return {CodeKind::Modified, format_sequence_set(set)};
}
ResponseCode permanentflags_code(const std::vector<std::string>& flags) {
    std::string list;
    write_flag_list(list, flags);
    return {CodeKind::PermanentFlags, std::move(list)};
}
ResponseCode capability_code(const std::vector<std::string>& capabilities) {
    return {CodeKind::Capability, joined(capabilities)};
}

std::string status_response(std::string_view tag, Status status,
                            const std::optional<ResponseCode>& code, std::string_view text) {
    std::string out{tag.empty() ? "*" : tag};
    out += ' ';
    out += status_name(status);
    if (code) {
        out += " [";
        out += code_name(code->kind);
        if (!code->arguments.empty()) {
            out += ' ';
            out += code->arguments;
        }
        out += ']';
    }
    // resp-text needs at least one character after the code.
    out += ' ';
    out += text.empty() ? std::string_view{"done"} : text;
    out += "\r\n";
    return out;
}

std::string continuation(std::string_view text) {
    return "+ " + std::string{text.empty() ? std::string_view{"OK"} : text} + "\r\n";
}

std::string reader_error_response(const ReadResult& e) {
    const ResponseCode toobig{CodeKind::TooBig, {}};
    switch (e.error) {
        case ReadError::LineTooLong:
            return status_response(e.tag, Status::Bad, toobig, "Command line too long");
        case ReadError::LiteralTooBig:
            return status_response(e.tag, e.synchronising ? Status::No : Status::Bad, toobig,
                                   "Literal too big");
        case ReadError::LiteralTooBigClose:
            return status_response("", Status::Bye, toobig, "Literal too big, closing");
        case ReadError::None:
            break;
    }
    return status_response(e.tag, Status::Bad, std::nullopt, "Invalid input");
}

}  // namespace maillab::protocols::imap
