#include "protocols/imap/envelope.hpp"

#include <optional>
#include <string_view>

#include "protocols/imap/response_writer.hpp"
#include "protocols/mime/address.hpp"

namespace maillab::protocols::imap {

namespace {

std::optional<std::string> field_value(const mime::HeaderBlock& headers, std::string_view name) {
    const mime::HeaderField* field = headers.find(name);
    if (field == nullptr) return std::nullopt;
    return field->value;
}

std::optional<std::string> non_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

void write_address(std::string& out, const mime::Address& address) {
    out += '(';
    switch (address.kind) {
        case mime::Address::Kind::GroupStart:
            out += "NIL NIL ";
            write_string(out, address.group);
            out += " NIL";
            break;
        case mime::Address::Kind::GroupEnd:
            out += "NIL NIL NIL NIL";
            break;
        case mime::Address::Kind::Mailbox:
            write_nstring(out, non_empty(address.name));
            out += ' ';
            write_nstring(out, non_empty(address.route));
            out += ' ';
            write_string(out, address.local_part);
            out += ' ';
            write_string(out, address.domain);
            break;
    }
    out += ')';
}

// NIL when the field is absent or holds no address at all.
void write_address_list(std::string& out, const std::optional<std::string>& value) {
    if (!value) {
        out += "NIL";
        return;
    }
    const mime::AddressList list = mime::parse_address_list(*value);
    if (list.entries.empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const mime::Address& address : list.entries)
        write_address(out, address);
    out += ')';
}

}  // namespace

std::string envelope_of(const mime::HeaderBlock& headers) {
    const std::optional<std::string> from = field_value(headers, "From");
    std::optional<std::string> sender = field_value(headers, "Sender");
    std::optional<std::string> reply_to = field_value(headers, "Reply-To");
    // RFC 3501 §7.4.2: the server MUST default sender and reply-to to from.
    if (!sender || mime::parse_address_list(*sender).entries.empty()) sender = from;
    if (!reply_to || mime::parse_address_list(*reply_to).entries.empty()) reply_to = from;

    std::string out = "(";
    write_nstring(out, field_value(headers, "Date"));
    out += ' ';
    write_nstring(out, field_value(headers, "Subject"));
    out += ' ';
    write_address_list(out, from);
    out += ' ';
    write_address_list(out, sender);
    out += ' ';
    write_address_list(out, reply_to);
    out += ' ';
    write_address_list(out, field_value(headers, "To"));
    out += ' ';
    write_address_list(out, field_value(headers, "Cc"));
    out += ' ';
    write_address_list(out, field_value(headers, "Bcc"));
    out += ' ';
    write_nstring(out, field_value(headers, "In-Reply-To"));
    out += ' ';
    write_nstring(out, field_value(headers, "Message-ID"));
    out += ')';
    return out;
}

}  // namespace maillab::protocols::imap
