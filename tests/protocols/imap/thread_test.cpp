#include "protocols/imap/thread.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "protocols/imap/message_ids.hpp"
#include "tests/protocols/imap/mailbox_fixture.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols::imap;
using maillab::test::contains;
using maillab::test::kFeb22;
using maillab::test::MailboxFixture;
using maillab::test::message;

namespace {

ThreadRecord rec(std::uint32_t seq, std::int64_t sent, std::string id,
                 std::vector<std::string> refs = {}, std::string subject = {}, bool reply = false) {
    ThreadRecord r;
    r.seq = seq;
    r.id = seq;
    r.sent = sent;
    r.message_id = std::move(id);
    r.references = std::move(refs);
    r.subject = std::move(subject);
    r.reply_or_forward = reply;
    return r;
}

std::string references(std::vector<ThreadRecord> records) {
    return thread_lists(thread_references(std::move(records)));
}

std::string ordered(std::vector<ThreadRecord> records) {
    return thread_lists(thread_ordered_subject(std::move(records)));
}

}  // namespace

TEST_CASE("message IDs: valid ones, comments, folding, limits", "[imap][thread]") {
    CHECK(parse_message_ids("<a@b> <c@d>") == std::vector<std::string>{"<a@b>", "<c@d>"});
    CHECK(parse_message_ids("(comment <x@y>) <a@b>") == std::vector<std::string>{"<a@b>"});
    CHECK(parse_message_ids("<a@\r\n b>") == std::vector<std::string>{"<a@b>"});
    CHECK(parse_message_ids("<junk <a@b>") == std::vector<std::string>{"<a@b>"});
    CHECK(parse_message_ids("<nobody> <@b> <a@> <a@b") == std::vector<std::string>{});
    CHECK(parse_message_ids("<" + std::string(kMaxMessageIdOctets, 'a') + "@b>").empty());
    CHECK(parse_message_ids("<" + std::string(kMaxMessageIdOctets - 4, 'a') + "@b>").size() == 1);

    std::string many;
    for (std::size_t i = 0; i < kMaxReferences + 10; ++i)
        many += "<" + std::to_string(i) + "@x> ";
    const maillab::protocols::mime::HeaderBlock header =
        maillab::protocols::mime::parse_header_block(
            "Message-ID: <me@x> <other@x>\r\nReferences: " + many +
            "\r\nIn-Reply-To: <ignored@x>\r\n\r\n");
    const ThreadHeaders t = thread_headers(header);
    CHECK(t.message_id == "<me@x>");
    REQUIRE(t.references.size() == kMaxReferences);
    CHECK(t.references.front() == "<10@x>");  // the earliest are dropped
    CHECK(t.references.back() == "<" + std::to_string(kMaxReferences + 9) + "@x>");

    const ThreadHeaders reply = thread_headers(maillab::protocols::mime::parse_header_block(
        "References: no ids here\r\nIn-Reply-To: <p@x> <q@x>\r\n\r\n"));
    CHECK(reply.message_id.empty());
    CHECK(reply.references == std::vector<std::string>{"<p@x>"});
}

TEST_CASE("REFERENCES builds the RFC 5256 example tree", "[imap][thread]") {
    CHECK(references({rec(2, 100, "<2@x>"), rec(3, 200, "<3@x>"), rec(6, 300, "<6@x>", {"<3@x>"}),
                      rec(4, 400, "<4@x>", {"<3@x>", "<6@x>"}),
                      rec(23, 500, "<23@x>", {"<3@x>", "<6@x>", "<4@x>"}),
                      rec(44, 450, "<44@x>", {"<6@x>"}), rec(7, 600, "<7@x>", {"<44@x>"}),
                      rec(96, 700, "<96@x>", {"<44@x>", "<7@x>"})}) == "(2)(3 6 (4 23)(44 7 96))");
    CHECK(thread_response(thread_references({})) == "* THREAD\r\n");
    CHECK(thread_response(thread_references({rec(1, 0, "<a@x>")})) == "* THREAD (1)\r\n");
}

TEST_CASE("REFERENCES: loops, duplicates and missing IDs", "[imap][thread]") {
    // Two messages naming each other: the second link would close a loop.
    CHECK(references({rec(1, 100, "<a@x>", {"<b@x>"}), rec(2, 200, "<b@x>", {"<a@x>"})}) ==
          "(2 1)");
    CHECK(references({rec(1, 100, "<a@x>", {"<a@x>"})}) == "(1)");  // refers to itself
    // A References chain that loops back: 1A skips the link, the dummies are pruned.
    CHECK(references({rec(1, 100, "<x@x>", {"<a@x>", "<b@x>", "<a@x>"})}) == "(1)");
    // 1B replaces a parent set by an earlier message's References, unless that makes a loop
    // (imaptest "thread": the old parent link is broken even so).
    CHECK(references({rec(1, 300, "<a@b>"), rec(2, 100, "<b@b>", {"<a@b>", "<c@b>"}),
                      rec(3, 200, "<c@b>", {"<b@b>"})}) == "(3 2)(1)");
    // A duplicate Message-ID gets an ID of its own (imaptest thread2, thread7).
    CHECK(references({rec(1, 100, "<a@b>"), rec(2, 100, "<a@b>")}) == "(1)(2)");
    CHECK(references({rec(1, 100, "<a@b>"), rec(2, 100, "<b@b>", {"<a@b>"}),
                      rec(3, 100, "<c@b>", {"<b@b>"}), rec(4, 100, "<b@b>", {"<a@b>"})}) ==
          "(1 (2 3)(4))");
    // No Message-ID at all: both hang below the dummy they name (imaptest thread6).
    CHECK(references({rec(1, 100, "", {"<a@b>"}), rec(2, 200, "", {"<a@b>"})}) == "((1)(2))");
}

TEST_CASE("REFERENCES: dummies are pruned and promoted (step 3)", "[imap][thread]") {
    // A dummy with one child at the root gives way to it.
    CHECK(references({rec(1, 100, "<b@x>", {"<a@x>"})}) == "(1)");
    // Dummies below the root always give way: 1's child is the dummy <m@x>, whose children move up.
    CHECK(references({rec(1, 100, "<a@x>"), rec(2, 200, "<b@x>", {"<a@x>", "<m@x>"}),
                      rec(3, 300, "<c@x>", {"<a@x>", "<m@x>"})}) == "(1 (2)(3))");
    // A chain of dummies above one message.
    CHECK(references({rec(1, 100, "<z@x>", {"<a@x>", "<b@x>", "<c@x>"})}) == "(1)");
    // Expunged parents (imaptest thread5): siblings sort by sent date, then sequence number.
    CHECK(references({rec(1, 100, "<3@b>", {"<1@b>"}), rec(2, 100, "<4@b>", {"<2@b>"})}) ==
          "(1)(2)");
    CHECK(references({rec(1, 100, "<3@b>", {"<1@b>"}), rec(2, 100, "<4@b>", {"<2@b>"}),
                      rec(3, 100, "<5@b>", {"<2@b>"})}) == "(1)((2)(3))");
}

TEST_CASE("REFERENCES: threads with one base subject are merged (step 5)", "[imap][thread]") {
    CHECK(references({rec(1, 100, "<a@x>", {}, "FOO"), rec(2, 200, "<b@x>", {}, "FOO", true)}) ==
          "(1 2)");
    // The reply came first: the original still takes it in.
    CHECK(references({rec(1, 100, "<a@x>", {}, "FOO", true), rec(2, 200, "<b@x>", {}, "FOO")}) ==
          "(2 1)");
    CHECK(references({rec(1, 100, "<a@x>", {}, "FOO"), rec(2, 200, "<b@x>", {}, "FOO")}) ==
          "((1)(2))");
    CHECK(references({rec(1, 100, "<a@x>", {}, "FOO", true),
                      rec(2, 200, "<b@x>", {}, "FOO", true)}) == "((1)(2))");
    CHECK(references({rec(1, 100, "<a@x>"), rec(2, 200, "<b@x>")}) ==
          "(1)(2)");  // "" is no subject
    // A dummy thread takes in the message with its subject.
    CHECK(references({rec(1, 100, "<a@x>", {"<p@x>"}, "X"), rec(2, 200, "<b@x>", {"<p@x>"}, "X"),
                      rec(3, 150, "<c@x>", {}, "X")}) == "((1)(3)(2))");
    // Two dummy threads with one subject become one.
    CHECK(references({rec(1, 100, "<a@x>", {"<p@x>"}, "X"), rec(2, 200, "<b@x>", {"<p@x>"}, "X"),
                      rec(3, 150, "<c@x>", {"<q@x>"}, "X"),
                      rec(4, 250, "<d@x>", {"<q@x>"}, "X")}) == "((1)(3)(2)(4))");
}

TEST_CASE("REFERENCES: a long chain costs no recursion", "[imap][thread][limits]") {
    constexpr std::uint32_t kCount = 50000;
    std::vector<ThreadRecord> records;
    for (std::uint32_t i = 1; i <= kCount; ++i) {
        std::vector<std::string> refs;
        if (i > 1) refs.push_back("<" + std::to_string(i - 1) + "@x>");
        records.push_back(rec(i, i, "<" + std::to_string(i) + "@x>", std::move(refs)));
    }
    const auto start = std::chrono::steady_clock::now();
    const std::string lists = references(std::move(records));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{5});
    CHECK(lists.rfind("(1 2 3 ", 0) == 0);
    CHECK(lists.size() > 5 * kCount);
    CHECK(lists.substr(lists.size() - 7) == " 50000)");
}

TEST_CASE("REFERENCES: crafted deep chains cost linear work", "[imap][thread][limits]") {
    // A chain of kDepth replies, then kPairs messages that already have a child (an earlier
    // message names them as its parent) and name the chain's last reply as theirs: each of
    // their loop checks walks the whole chain, kPairs × kDepth ancestors without a bound.
    constexpr std::uint32_t kDepth = 20000;
    constexpr std::uint32_t kPairs = 10000;
    std::vector<ThreadRecord> records;
    const auto id = [](const char* kind, std::uint32_t i) {
        return "<" + std::string(kind) + std::to_string(i) + "@x>";
    };
    for (std::uint32_t i = 1; i <= kDepth; ++i) {
        std::vector<std::string> refs;
        if (i > 1) refs.push_back(id("c", i - 1));
        records.push_back(rec(i, i, id("c", i), std::move(refs)));
    }
    for (std::uint32_t j = 1; j <= kPairs; ++j) {
        const std::uint32_t seq = kDepth + 2 * j - 1;
        records.push_back(rec(seq, seq, id("a", j), {id("b", j)}));
        records.push_back(rec(seq + 1, seq + 1, id("b", j), {id("c", kDepth)}));
    }
    const std::size_t count = records.size();
    const ThreadForest forest = thread_references(std::move(records));
    CHECK(forest.loop_check_steps <= 256 * count);
    CHECK(forest.loop_check_steps < std::size_t{kPairs} * kDepth / 10);

    // Every message is in the forest exactly once, and the walk below terminates (no loop).
    std::vector<int> seen(count + 1, 0);
    std::vector<std::size_t> stack(forest.roots.begin(), forest.roots.end());
    std::size_t visited = 0;
    while (!stack.empty() && visited <= forest.nodes.size()) {
        const ThreadForest::Node& node = forest.nodes[stack.back()];
        stack.pop_back();
        ++visited;
        if (node.id != 0) ++seen[node.id];
        stack.insert(stack.end(), node.children.begin(), node.children.end());
    }
    CHECK(visited <= forest.nodes.size());
    CHECK(std::count(seen.begin() + 1, seen.end(), 1) == static_cast<std::ptrdiff_t>(count));
    // The first pairs, within the budget, still hang below the chain.
    CHECK(thread_lists(forest).find(" 20000 (20002 20001)") != std::string::npos);
}

TEST_CASE("REFERENCES: 1B moves messages out of a family in any order", "[imap][thread]") {
    // 1-4 make <p@x> the parent of <d1@x>..<d4@x> and hang below them; 5-8 are those d
    // messages, arriving out of order, each moved by 1B from <p@x> to the dummy <r@x>.
    std::vector<ThreadRecord> records;
    for (std::uint32_t i = 1; i <= 4; ++i) {
        const std::string d = "<d" + std::to_string(i) + "@x>";
        records.push_back(rec(i, 100 + i, "<m" + std::to_string(i) + "@x>", {"<p@x>", d}));
    }
    const std::uint32_t arrival[] = {2, 4, 1, 3};
    for (std::uint32_t k = 0; k < 4; ++k) {
        records.push_back(
            rec(5 + k, 10 + arrival[k], "<d" + std::to_string(arrival[k]) + "@x>", {"<r@x>"}));
    }
    CHECK(references(std::move(records)) == "((7 1)(5 2)(8 3)(6 4))");
}

TEST_CASE("ORDEREDSUBJECT groups by base subject, orders by sent date", "[imap][thread]") {
    // imaptest thread-orderedsubject2
    CHECK(ordered({rec(1, 10, "", {}, "A"), rec(2, 9, "", {}, "B"), rec(3, 8, "", {}, "A"),
                   rec(4, 7, "", {}, "B"), rec(5, 30, "", {}, "A"), rec(6, 29, "", {}, "B"),
                   rec(7, 28, "", {}, "A"), rec(8, 27, "", {}, "B")}) ==
          "(4 (2)(8)(6))(3 (1)(7)(5))");
    CHECK(ordered({rec(1, 5, "", {}, ""), rec(2, 5, "", {}, ""), rec(3, 1, "", {}, "Z")}) ==
          "(3)(1 2)");
    CHECK(ordered({}).empty());
}

TEST_CASE("THREAD REFERENCES on a mailbox (imaptest thread, thread5, thread7)",
          "[imap][thread][server]") {
    MailboxFixture m;
    m.add(message("Message-ID: <a@b>"), kFeb22 + 2 * 3600);
    m.add(message("Message-Id: <b@b>\r\nReferences: <a@b> <c@b>"), kFeb22);
    m.add(message("Message-Id: <c@b>\r\nReferences: <b@b>"), kFeb22 + 3600 + 2);
    m.select();
    CHECK(m.say("a THREAD REFERENCES US-ASCII ALL\r\n") ==
          "* THREAD (3 2)(1)\r\na OK THREAD completed\r\n");
    CHECK(m.say("b UID THREAD REFERENCES US-ASCII 2:3\r\n") ==
          "* THREAD (3 2)\r\nb OK UID THREAD completed\r\n");
    m.say("c STORE 1 +FLAGS.SILENT (\\Deleted)\r\n");
    m.say("d EXPUNGE\r\n");
    CHECK(m.say("e THREAD REFERENCES US-ASCII ALL\r\n") ==
          "* THREAD (2 1)\r\ne OK THREAD completed\r\n");
    CHECK(m.say("f UID THREAD REFERENCES US-ASCII ALL\r\n") ==
          "* THREAD (3 2)\r\nf OK UID THREAD completed\r\n");
}

TEST_CASE("THREAD ORDEREDSUBJECT on a mailbox (imaptest thread-orderedsubject)",
          "[imap][thread][server]") {
    MailboxFixture m;
    for (const char* subject :
         {"a", "C", "b", "_", "[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)", "b (a)", "Re: [FWD: c]",
          "[xyz]", "", "=?iso-8859-1?q?_?=", "Re: =?utf-8?q?b?=", "=?iso-8859-1?q?RE:_C?=",
          "=?us-ascii?b?UmU6IGM=?=", "Ad: Re: Ad: Re: Ad: x",
          "re: [fwd: [fwd: re: [fwd: babylon]]]"}) {
        m.add(message(*subject ? std::string{"Subject: "} + subject : ""));
    }
    m.select();
    CHECK(m.say("a THREAD ORDEREDSUBJECT US-ASCII ALL\r\n") ==
          "* THREAD (1)(2 (7)(12)(13))(3 (5)(11))(4)(6)(8)(9 10)(14)(15)\r\n"
          "a OK THREAD completed\r\n");
    CHECK(m.say("b THREAD ORDEREDSUBJECT US-ASCII 2:3,7,13\r\n") ==
          "* THREAD (2 (7)(13))(3)\r\nb OK THREAD completed\r\n");
    CHECK(m.say("c THREAD ORDEREDSUBJECT US-ASCII DELETED\r\n") ==
          "* THREAD\r\nc OK THREAD completed\r\n");
}

TEST_CASE("SORT and THREAD answer the same under any chunking", "[imap][thread][server]") {
    const std::string commands =
        "a SELECT INBOX\r\nb THREAD REFERENCES {5}\r\nUTF-8 ALL\r\n"
        "c UID SORT RETURN (ALL COUNT) (REVERSE SUBJECT) UTF-8 ALL\r\nd THREAD ORDEREDSUBJECT "
        "US-ASCII SUBJECT {5+}\r\nlunch\r\n";
    const auto results = maillab::test::under_all_chunkings<std::string>(
        commands, [](const std::function<void(const maillab::test::Feeder&)>& feed) {
            MailboxFixture m;
            m.add(message("Message-ID: <a@x>\r\nSubject: lunch"));
            m.add(message("Message-ID: <b@x>\r\nReferences: <a@x>\r\nSubject: Re: lunch"));
            m.add(message("Message-ID: <c@x>\r\nSubject: dinner"));
            std::string out;
            feed([&](std::string_view bytes) { out += m.say(bytes); });
            return out;
        });
    for (const std::string& out : results)
        CHECK(out == results.front());
    CHECK(contains(results.front(), "* THREAD (1 2)(3)\r\nb OK THREAD completed\r\n"));
    CHECK(contains(results.front(),
                   "* ESEARCH (TAG \"c\") UID COUNT 3 ALL 1:3\r\nc OK UID SORT completed\r\n"));
    CHECK(contains(results.front(), "* THREAD (1 2)\r\nd OK THREAD completed\r\n"));
}
