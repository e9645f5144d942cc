#include "protocols/mime/address.hpp"

#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_lexer.hpp"

namespace maillab::protocols::mime {

namespace {

// Words (atoms, quoted strings, dots, optionally domain literals) joined with
// one space where the input had whitespace or comments between them.
struct Phrase {
    std::string text;     // for display names
    std::string compact;  // without the inserted spaces, for local parts and domains
    bool any = false;
};

Phrase collect_words(HeaderLexer& lex, std::string* comments, bool allow_literal) {
    Phrase phrase;
    for (;;) {
        const bool spaced = lex.skip_cfws(comments);
        const char c = lex.peek();
        if (lex.at_end()) break;
        std::string owned;  // quoted strings and literals are rebuilt, atoms are views
        std::string_view word;
        if (c == '"') {
            owned = lex.read_quoted_string();
            word = owned;
        } else if (c == '.') {
            lex.advance();
            word = ".";
        } else if (c == '[' && allow_literal) {
            owned = lex.read_domain_literal();
            word = owned;
        } else {
            word = lex.read_atom();
            if (word.empty()) break;
        }
        if (spaced && phrase.any) phrase.text.push_back(' ');
        phrase.text += word;
        phrase.compact += word;
        phrase.any = true;
    }
    return phrase;
}

// After "<": [obs-route ":"] local-part "@" domain ">".
void parse_angle_addr(HeaderLexer& lex, Address& out) {
    lex.advance();
    lex.skip_cfws();
    if (lex.peek() == '@') {
        std::string route;
        while (!lex.at_end() && lex.peek() != ':' && lex.peek() != '>') {
            if (lex.skip_cfws()) continue;
            route.push_back(lex.peek());
            lex.advance();
        }
        if (lex.peek() == ':') {
            lex.advance();
            out.route = route;
        } else {
            out.valid = false;
        }
    }
    out.local_part = collect_words(lex, nullptr, false).compact;
    if (lex.peek() == '@') {
        lex.advance();
        out.domain = collect_words(lex, nullptr, true).compact;
    } else {
        out.valid = false;
    }
    if (lex.peek() == '>') {
        lex.advance();
    } else {
        out.valid = false;
    }
}

bool at_separator(const HeaderLexer& lex) {
    return lex.at_end() || lex.peek() == ',' || lex.peek() == ';';
}

}  // namespace

std::string Address::addr_spec() const {
    std::string out = local_part;
    if (!domain.empty()) {
        out.push_back('@');
        out.append(domain);
    }
    return out;
}

std::vector<const Address*> AddressList::mailboxes() const {
    std::vector<const Address*> out;
    for (const auto& entry : entries) {
        if (entry.kind == Address::Kind::Mailbox) out.push_back(&entry);
    }
    return out;
}

AddressList parse_address_list(std::string_view value) {
    AddressList list;
    HeaderLexer lex{value, kAddressSpecials};
    bool in_group = false;
    std::string group;
    const auto emit = [&](Address address) {
        if (list.entries.size() >= kMaxAddresses) {
            ++list.dropped;
            return;
        }
        address.display_name = decode_encoded_words(address.name);
        list.entries.push_back(std::move(address));
    };
    const auto end_group = [&] {
        Address marker;
        marker.kind = Address::Kind::GroupEnd;
        emit(std::move(marker));
        in_group = false;
        group.clear();
    };
    while (true) {
        lex.skip_cfws();
        if (lex.at_end()) break;
        if (lex.peek() == ',') {
            lex.advance();
            continue;
        }
        if (lex.peek() == ';') {
            lex.advance();
            if (in_group) end_group();
            continue;
        }
        const std::size_t start = lex.position();
        std::string comments;
        Address address;
        address.group = group;
        const Phrase phrase = collect_words(lex, &comments, false);
        if (lex.peek() == ':' && !in_group) {
            lex.advance();
            address.kind = Address::Kind::GroupStart;
            address.group = phrase.text;
            address.name = phrase.text;
            group = phrase.text;
            in_group = true;
            emit(std::move(address));
            continue;
        }
        if (lex.peek() == '<') {
            address.name = phrase.text;
            parse_angle_addr(lex, address);
            lex.skip_cfws();
        } else if (lex.peek() == '@' && phrase.any) {
            lex.advance();
            address.local_part = phrase.compact;
            comments.clear();
            address.domain = collect_words(lex, &comments, true).compact;
            address.name = comments;
            if (address.domain.empty()) address.valid = false;
        } else if (phrase.any) {
            address.local_part = phrase.text;
            address.valid = false;
        }
        if (!at_separator(lex)) {
            // Junk after an address: skip it up to the next separator.
            address.valid = false;
            while (!at_separator(lex))
                lex.advance();
        }
        if (phrase.any || !address.local_part.empty() || !address.domain.empty()) {
            emit(std::move(address));
        } else if (lex.position() == start) {
            lex.advance();
        }
    }
    if (in_group) end_group();
    return list;
}

}  // namespace maillab::protocols::mime
