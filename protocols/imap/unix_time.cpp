#include "protocols/imap/unix_time.hpp"

#include "protocols/mime/date_time.hpp"

namespace maillab::protocols::imap {

// The calendar arithmetic lives once, in the MIME layer's date-time code;
// these go through its IMAP date-time text form.
std::int64_t to_unix_seconds(const DateTime& value) {
    const auto parsed = mime::parse_imap_date_time(format_date_time(value));
    return parsed ? parsed->utc_seconds : 0;
}

DateTime utc_date_time(std::int64_t unix_seconds) {
    const auto parsed = parse_date_time_text(mime::format_imap_date_time({unix_seconds, 0}));
    return parsed ? *parsed : DateTime{};
}

}  // namespace maillab::protocols::imap
