#include "protocols/mta/queue_file.hpp"

#include <catch2/catch.hpp>

#include "mta_test_support.hpp"

using namespace maillab::test::mta;

namespace {

QueueEntry sample_entry() {
    Envelope env = envelope("alice@example.org",
                            {rcpt("bob@example.net", "SUCCESS,FAILURE", "rfc822;bob@example.net"),
                             rcpt("carol@example.com")});
    env.id = 0x2A;
    env.envid = "ENV 1%";
    env.ret = Ret::Hdrs;
    env.smtputf8 = true;
    env.eight_bit_mime = true;
    env.arrival = 60 * kMicrosPerSecond;
    static constexpr char kBytes[] = "Subject: bytes\r\n\r\n\0\x01\xFF\r\n.\r\nno final newline";
    env.message = std::string{kBytes, sizeof kBytes - 1};
    Recipient& bob = env.recipients[0];
    bob.state = RecipientState::Deferred;
    bob.reply = reply("451 4.3.0 line one;\r\n\tline two");
    bob.status = "4.3.0";
    bob.remote_mta = "mx.example.net";
    bob.attempts = 2;
    bob.next_attempt = 7 * kMicrosPerMinute;
    bob.last_attempt = 2 * kMicrosPerMinute;
    bob.delay_warned = true;
    return QueueEntry{env, kMicrosPerMinute};
}

std::string without_line(std::string text, std::string_view prefix) {
    const auto start = text.find("\n" + std::string{prefix});
    const auto end = text.find('\n', start + 1);
    return text.erase(start, end - start);
}

}  // namespace

TEST_CASE("a queue entry survives serialize and parse unchanged") {
    const QueueEntry entry = sample_entry();
    const std::string bytes = serialize_queue_entry(entry);
    REQUIRE(bytes.rfind("maillab-queue 1\nid: 0000002A\n", 0) == 0);
    REQUIRE(bytes.find("envid: ENV 1%25\n") != std::string::npos);
    REQUIRE(bytes.find("reply: 451 4.3.0 line one;%0D%0A%09line two\n") != std::string::npos);
    const auto parsed = parse_queue_entry(bytes);
    INFO(parsed.error);
    REQUIRE(parsed.entry);
    REQUIRE(*parsed.entry == entry);
}

TEST_CASE("a bounce's empty sender and an empty message round-trip") {
    QueueEntry entry = sample_entry();
    entry.envelope.sender.clear();
    entry.envelope.message.clear();
    entry.envelope.envid.clear();
    entry.envelope.recipients[0].notify = Notify{};
    const auto parsed = parse_queue_entry(serialize_queue_entry(entry));
    REQUIRE(parsed.entry);
    REQUIRE(*parsed.entry == entry);
}

TEST_CASE("damaged queue files are refused with a reason") {
    const std::string good = serialize_queue_entry(sample_entry());
    const auto error_of = [](std::string_view bytes) {
        const auto parsed = parse_queue_entry(bytes);
        REQUIRE_FALSE(parsed.entry);
        return parsed.error;
    };
    REQUIRE(error_of("") == "line 1: file ends inside the header");
    REQUIRE(error_of("hello\n") == "line 1: not a maillab queue file");
    REQUIRE(error_of(good.substr(0, good.size() - 3)).find("(truncated)") != std::string::npos);
    REQUIRE(error_of(good.substr(0, 40)).find("ends inside the header") != std::string::npos);
    REQUIRE(error_of(good + "x").find("header says") != std::string::npos);
    REQUIRE(error_of(without_line(good, "sender:")) == "line 27: missing field 'sender'");

    std::string unknown = good;
    unknown.insert(unknown.find("\nsender:") + 1, "colour: blue\n");
    REQUIRE(error_of(unknown) == "line 5: unknown field 'colour'");

    std::string repeated = good;
    repeated.insert(repeated.find("\nsender:") + 1, "arrival: 5\n");
    REQUIRE(error_of(repeated) == "line 5: repeated field");

    std::string bad_number = good;
    bad_number.replace(bad_number.find("arrival: 60000000"), 17, "arrival: 6e7");
    REQUIRE(error_of(bad_number) == "line 3: bad value for 'arrival'");

    std::string bad_escape = good;
    bad_escape.replace(bad_escape.find("%25"), 3, "%G5");
    REQUIRE(error_of(bad_escape).find("bad %XX escape") != std::string::npos);

    std::string orphan = std::string{kQueueFileMagic} + "\nstate: pending\n";
    REQUIRE(error_of(orphan) == "line 2: 'state' before any rcpt");

    std::string bad_state = good;
    bad_state.replace(bad_state.find("state: deferred"), 15, "state: lost");
    REQUIRE(error_of(bad_state).find("bad value for 'state'") != std::string::npos);
}

TEST_CASE("queue file limits: line length, recipients, message size") {
    std::string long_line = std::string{kQueueFileMagic} +
                            "\nsender: " + std::string(kMaxQueueFileLineOctets, 'a') + "\n";
    REQUIRE(parse_queue_entry(long_line).error == "line 2: line too long");

    std::string many = std::string{kQueueFileMagic} + "\n";
    for (std::size_t i = 0; i <= kMaxQueueFileRecipients; ++i)
        many += "rcpt: r@x\n";
    REQUIRE(parse_queue_entry(many).error ==
            "line " + std::to_string(kMaxQueueFileRecipients + 2) + ": too many recipients");

    std::string huge = std::string{kQueueFileMagic} +
                       "\nmessage-length: " + std::to_string(kMaxQueueFileMessageOctets + 1) + "\n";
    REQUIRE(parse_queue_entry(huge).error == "line 2: bad value for 'message-length'");
}
