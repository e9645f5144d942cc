// SORT (RFC 5256 §3 with ESORT's RETURN, RFC 5267 §3) and THREAD (RFC 5256 §3) grammar:
//   sort   = ["UID" SP] "SORT" [SP "RETURN" SP "(" [opts] ")"] SP sort-criteria SP
//            search-criteria
//   thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
//   search-criteria = charset 1*(SP search-key)      ; the charset is not optional here
#include <utility>

#include "protocols/imap/command_parser_detail.hpp"

namespace maillab::protocols::imap::detail {

namespace {

bool valid_sort_returns(Lexer& lx, const std::vector<std::string>& opts) {
    for (const std::string& o : opts) {
        if (o != "MIN" && o != "MAX" && o != "ALL" && o != "COUNT" && o != "SAVE") {
            return lx.fail("Unknown SORT RETURN option");
        }
    }
    return true;
}

// charset SP search-key *(SP search-key), to the end of the command.
bool search_criteria(Lexer& lx, std::string& charset, SearchKey& criteria) {
    auto name = lx.astring();
    if (!name || !lx.sp()) return false;
    auto program = parse_search_program(lx);
    if (!program) return false;
    charset = std::move(*name);
    criteria = std::move(*program);
    return true;
}

}  // namespace

std::optional<Command> parse_sort(Lexer& lx, bool uid) {
    SortCmd cmd;
    cmd.uid = uid;
    if (!lx.sp()) return std::nullopt;
    if (lx.keyword("RETURN")) {
        if (!lx.sp()) return std::nullopt;
        auto opts = atom_list(lx, true);
        if (!opts || !valid_sort_returns(lx, *opts) || !lx.sp()) return std::nullopt;
        cmd.returns = std::move(*opts);
    }
    auto program = parse_sort_criteria(lx);
    if (!program || !lx.sp()) return std::nullopt;
    cmd.program = std::move(*program);
    if (!search_criteria(lx, cmd.charset, cmd.criteria)) return std::nullopt;
    return cmd;
}

std::optional<Command> parse_thread(Lexer& lx, bool uid) {
    ThreadCmd cmd;
    cmd.uid = uid;
    if (!lx.sp()) return std::nullopt;
    auto algorithm = parse_thread_algorithm(lx);
    if (!algorithm || !lx.sp()) return std::nullopt;
    cmd.algorithm = *algorithm;
    if (!search_criteria(lx, cmd.charset, cmd.criteria)) return std::nullopt;
    return cmd;
}

}  // namespace maillab::protocols::imap::detail
