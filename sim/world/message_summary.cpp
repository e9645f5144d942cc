#include "sim/world/message_summary.hpp"

#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_block.hpp"

namespace maillab::sim {

std::string subject_of(std::string_view message) {
    const auto headers = protocols::mime::parse_header_block(message);
    const auto* subject = headers.find("Subject");
    if (subject == nullptr || subject->value.empty()) return "(no subject)";
    return protocols::mime::decode_encoded_words(subject->value);
}

}  // namespace maillab::sim
