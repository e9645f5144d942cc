// Fuzz target for the Maildir files a store reads back from disk, which other
// programs (or a crash, or a hostile user) may have written: the uidlist, the
// keywords file, folder directory names and flag letters. None may crash; a
// uidlist that parses must print back to text that parses to the same list.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocols/store/maildir_flags.hpp"
#include "protocols/store/maildir_layout.hpp"
#include "protocols/store/maildir_uidlist.hpp"

using namespace maillab::protocols::store::maildir;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto list = parse_uidlist(text)) {
        if (parse_uidlist(format_uidlist(*list)) != list) std::abort();
    }
    const auto keywords = parse_keywords_file(text);
    if (keywords.size() > 26) std::abort();
    (void)letters_to_flags(text, keywords);
    if (const auto name = mailbox_from_directory_name(text)) {
        if (folder_directory_name(*name) != text) std::abort();
    }
    (void)base_name(text);
    (void)info_letters(text);
    return 0;
}
