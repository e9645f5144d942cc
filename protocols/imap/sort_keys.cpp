#include "protocols/imap/sort_keys.hpp"

#include <optional>

#include "protocols/imap/base_subject.hpp"
#include "protocols/imap/collation.hpp"
#include "protocols/mime/address.hpp"
#include "protocols/mime/date_time.hpp"

namespace maillab::protocols::imap {

namespace {

// The first entry of the field's address list (a group start counts), if any.
std::optional<mime::Address> first_address(const mime::HeaderBlock& headers,
                                           std::string_view field) {
    const mime::HeaderField* found = headers.find(field);
    if (found == nullptr) return std::nullopt;
    mime::AddressList list = mime::parse_address_list(found->value);
    if (list.entries.empty()) return std::nullopt;
    return std::move(list.entries.front());
}

}  // namespace

std::int64_t sent_time(const mime::HeaderBlock& headers, std::int64_t internal_date) {
    const mime::HeaderField* field = headers.find("Date");
    if (field == nullptr) return internal_date;
    const std::optional<mime::MailDate> date = mime::parse_rfc5322_date(field->value);
    return date ? date->utc_seconds : internal_date;
}

std::string address_sort_key(const mime::HeaderBlock& headers, std::string_view field) {
    const std::optional<mime::Address> address = first_address(headers, field);
    if (!address) return {};
    if (address->kind == mime::Address::Kind::GroupStart) return casemap_key(address->group);
    return casemap_key(address->local_part);
}

std::string display_sort_key(const mime::HeaderBlock& headers, std::string_view field) {
    const std::optional<mime::Address> address = first_address(headers, field);
    if (!address) return {};
    if (address->kind == mime::Address::Kind::GroupStart) return casemap_key(address->group);
    if (!address->display_name.empty()) return casemap_key(address->display_name);
    return casemap_key(address->addr_spec());
}

std::string subject_sort_key(const mime::HeaderBlock& headers) {
    const mime::HeaderField* field = headers.find("Subject");
    if (field == nullptr) return {};
    return casemap_key(base_subject(field->value).text);
}

}  // namespace maillab::protocols::imap
