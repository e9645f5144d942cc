#include "protocols/store/mail_store.hpp"

namespace maillab::protocols::store {

std::string_view special_use_attribute(SpecialUse use) {
    switch (use) {
        case SpecialUse::None:
            return "";
        case SpecialUse::Sent:
            return "\\Sent";
        case SpecialUse::Drafts:
            return "\\Drafts";
        case SpecialUse::Trash:
            return "\\Trash";
        case SpecialUse::Junk:
            return "\\Junk";
        case SpecialUse::Archive:
            return "\\Archive";
    }
    return "";
}

}  // namespace maillab::protocols::store
