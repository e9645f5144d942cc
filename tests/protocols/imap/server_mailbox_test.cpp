#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/list_pattern.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/server_session.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;

namespace {

class AlicePassword : public CredentialCheck {
public:
    bool check(std::string_view user, std::string_view pw) const override {
        return user == "alice" && pw == "pw";
    }
};

// A small in-memory MailboxAccess for alice.
class Mailboxes : public MailboxAccess {
public:
    std::vector<MailboxInfo> mailboxes(std::string_view user) const override {
        if (user != "alice") return {};
        return list_;
    }
    std::optional<MailboxSnapshot> open(std::string_view user, std::string_view name) override {
        if (user != "alice") return std::nullopt;
        if (name == "INBOX") {
            return MailboxSnapshot{.uidvalidity = 3857529045u,
                                   .uidnext = 4392,
                                   .exists = 172,
                                   .recent = 1,
                                   .unseen = 40,
                                   .first_unseen = 12,
                                   .keywords = {"$Forwarded"},
                                   .highest_modseq = 715194045007ULL};
        }
        if (name == "Sent Items") {
            return MailboxSnapshot{.uidvalidity = 7, .uidnext = 3, .exists = 2, .writable = false};
        }
        if (find(name) != list_.end()) return MailboxSnapshot{.uidvalidity = 99};
        return std::nullopt;
    }
    MailboxResult create(std::string_view, std::string_view name) override {
        if (find(name) != list_.end()) return MailboxResult::AlreadyExists;
        list_.push_back({std::string{name}, {}, false});
        return MailboxResult::Ok;
    }
    MailboxResult remove(std::string_view, std::string_view name) override {
        const auto it = find(name);
        if (it == list_.end()) return MailboxResult::NonExistent;
        list_.erase(it);
        return MailboxResult::Ok;
    }
    MailboxResult rename(std::string_view, std::string_view from, std::string_view to) override {
        const auto it = find(from);
        if (it == list_.end()) return MailboxResult::NonExistent;
        if (find(to) != list_.end()) return MailboxResult::AlreadyExists;
        it->name = std::string{to};
        return MailboxResult::Ok;
    }
    MailboxResult subscribe(std::string_view, std::string_view name, bool on) override {
        const auto it = find(name);
        if (it == list_.end()) return MailboxResult::NonExistent;
        it->subscribed = on;
        return MailboxResult::Ok;
    }

private:
    std::vector<MailboxInfo>::iterator find(std::string_view name) {
        return std::find_if(list_.begin(), list_.end(),
                            [&](const MailboxInfo& m) { return m.name == name; });
    }

    std::vector<MailboxInfo> list_ = {{"INBOX", {"\\HasNoChildren"}, true},
                                      {"Archive", {"\\HasChildren"}, false},
                                      {"Archive/2024", {"\\HasNoChildren", "\\Archive"}, true},
                                      {"Sent Items", {"\\HasNoChildren", "\\Sent"}, true}};
};

struct Server {
    Server() : session(ServerConfig{.plaintext_auth = true}, creds, &boxes) {
        session.start();
        session.take_output();
        session.receive("a LOGIN alice pw\r\n");
        session.take_output();
    }
    std::string say(std::string_view bytes) {
        session.receive(bytes);
        return session.take_output();
    }
    AlicePassword creds;
    Mailboxes boxes;
    ServerSession session;
};

}  // namespace

TEST_CASE("SELECT reports the mailbox like RFC 3501 §6.3.1", "[imap][server][select]") {
    Server s;
    CHECK(s.session.capabilities().find("UNSELECT") != std::string::npos);
    CHECK(s.say("A142 SELECT inbox\r\n") ==
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n"
          "* 172 EXISTS\r\n"
          "* 1 RECENT\r\n"
          "* OK [UNSEEN 12] First unseen message\r\n"
          "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
          "* OK [UIDNEXT 4392] Predicted next UID\r\n"
          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] "
          "Flags permitted\r\n"
          "A142 OK [READ-WRITE] SELECT completed\r\n");
    CHECK(s.session.state() == ServerState::Selected);
    CHECK(s.session.selected() == "INBOX");
    CHECK(s.say("b FETCH 1 FLAGS\r\n").rfind("b NO [UNAVAILABLE]", 0) == 0);
    CHECK(s.say("c UNSELECT\r\n") == "c OK UNSELECT completed\r\n");
    CHECK(s.session.state() == ServerState::Authenticated);
}

TEST_CASE("EXAMINE, CONDSTORE, read-only stores and missing mailboxes", "[imap][server][select]") {
    Server s;
    const std::string examine = s.say("a EXAMINE INBOX (CONDSTORE)\r\n");
    CHECK(examine.find("* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n") !=
          std::string::npos);
    CHECK(examine.find("* OK [HIGHESTMODSEQ 715194045007] Highest\r\n") != std::string::npos);
    CHECK(examine.find("a OK [READ-ONLY] EXAMINE completed\r\n") != std::string::npos);

    const std::string sent = s.say("b SELECT \"Sent Items\" (CONDSTORE)\r\n");
    CHECK(sent.find("* OK [NOMODSEQ] No mod-sequences\r\n") != std::string::npos);
    CHECK(sent.find("UNSEEN") == std::string::npos);
    CHECK(sent.find("b OK [READ-ONLY] SELECT completed\r\n") != std::string::npos);
    CHECK(s.session.selected() == "Sent Items");

    CHECK(s.say("c SELECT Nowhere\r\n") == "c NO [NONEXISTENT] No such mailbox\r\n");
    CHECK(s.session.state() == ServerState::Authenticated);  // the failed SELECT deselected
    CHECK(s.say("d SELECT INBOX (QRESYNC (1 2))\r\n") == "d BAD QRESYNC is not enabled\r\n");
}

TEST_CASE("LIST and LSUB with patterns", "[imap][server][list]") {
    Server s;
    CHECK(s.say("a LIST \"\" \"\"\r\n") ==
          "* LIST (\\Noselect) \"/\" \"\"\r\na OK LIST completed\r\n");
    CHECK(s.say("b LIST \"\" *\r\n") ==
          "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
          "* LIST (\\HasChildren) \"/\" Archive\r\n"
          "* LIST (\\HasNoChildren \\Archive) \"/\" Archive/2024\r\n"
          "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"
          "b OK LIST completed\r\n");
    CHECK(s.say("c LIST \"\" %\r\n").find("Archive/2024") == std::string::npos);
    CHECK(s.say("d LIST Archive/ %\r\n") ==
          "* LIST (\\HasNoChildren \\Archive) \"/\" Archive/2024\r\nd OK LIST completed\r\n");
    CHECK(s.say("e LSUB \"\" *\r\n") ==
          "* LSUB (\\HasNoChildren) \"/\" INBOX\r\n"
          "* LSUB (\\HasNoChildren \\Archive) \"/\" Archive/2024\r\n"
          "* LSUB (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"
          "e OK LSUB completed\r\n");
    CHECK(s.say("f LIST (SUBSCRIBED) \"\" *\r\n") ==
          "f BAD LIST-EXTENDED options are not supported\r\n");
    CHECK(s.say("g LIST \"\" " + std::string(kMaxListPatternOctets + 1, '*') + "\r\n") ==
          "g BAD Mailbox pattern too long\r\n");
    CHECK(s.say("h LIST \"\" nothing*\r\n") == "h OK LIST completed\r\n");
}

TEST_CASE("without a MailboxAccess, mailbox commands are unavailable", "[imap][server][select]") {
    AlicePassword creds;
    ServerSession bare{ServerConfig{.plaintext_auth = true}, creds};
    bare.start();
    bare.receive("a LOGIN alice pw\r\nb SELECT INBOX\r\nc LIST \"\" *\r\n");
    const std::string out = bare.take_output();
    CHECK(out.find("b NO [UNAVAILABLE]") != std::string::npos);
    CHECK(out.find("c NO [UNAVAILABLE]") != std::string::npos);
    CHECK(bare.capabilities().find("UNSELECT") == std::string::npos);
}

TEST_CASE("STATUS reports counts without selecting", "[imap][server][status]") {
    Server s;
    CHECK(s.say("a STATUS inbox (MESSAGES UNSEEN UIDNEXT UIDVALIDITY RECENT HIGHESTMODSEQ)\r\n") ==
          "* STATUS INBOX (MESSAGES 172 UNSEEN 40 UIDNEXT 4392 UIDVALIDITY 3857529045 RECENT 1 "
          "HIGHESTMODSEQ 715194045007)\r\na OK STATUS completed\r\n");
    CHECK(s.session.state() == ServerState::Authenticated);
    CHECK(s.say("b STATUS \"Sent Items\" (MESSAGES HIGHESTMODSEQ)\r\n") ==
          "* STATUS \"Sent Items\" (MESSAGES 2 HIGHESTMODSEQ 0)\r\nb OK STATUS completed\r\n");
    CHECK(s.say("c STATUS Nowhere (MESSAGES)\r\n") == "c NO [NONEXISTENT] No such mailbox\r\n");
    CHECK(s.say("d STATUS INBOX (MESSAGES SIZE)\r\n") == "d BAD STATUS SIZE is not supported\r\n");
}

TEST_CASE("CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE", "[imap][server][manage]") {
    Server s;
    CHECK(s.say("a CREATE Projects/\r\n") == "a OK CREATE completed\r\n");
    CHECK(s.say("b CREATE Projects\r\n") == "b NO [ALREADYEXISTS] Mailbox exists\r\n");
    CHECK(s.say("c CREATE inbox\r\n") == "c NO [ALREADYEXISTS] INBOX always exists\r\n");
    CHECK(s.say("d RENAME Projects Done\r\n") == "d OK RENAME completed\r\n");
    CHECK(s.say("e SUBSCRIBE Done\r\n") == "e OK SUBSCRIBE completed\r\n");
    CHECK(s.say("f LSUB \"\" Done\r\n") == "* LSUB () \"/\" Done\r\nf OK LSUB completed\r\n");
    CHECK(s.say("g UNSUBSCRIBE Done\r\n") == "g OK UNSUBSCRIBE completed\r\n");
    CHECK(s.say("h LSUB \"\" Done\r\n") == "h OK LSUB completed\r\n");
    CHECK(s.say("i DELETE Done\r\n") == "i OK DELETE completed\r\n");
    CHECK(s.say("j DELETE Done\r\n") == "j NO [NONEXISTENT] No such mailbox\r\n");
    CHECK(s.say("k DELETE INBOX\r\n") == "k NO [CANNOT] INBOX cannot be deleted\r\n");
    CHECK(s.say("l RENAME Nowhere Else\r\n") == "l NO [NONEXISTENT] No such mailbox\r\n");
    CHECK(s.say("m RENAME Archive \"Sent Items\"\r\n") ==
          "m NO [ALREADYEXISTS] Mailbox exists\r\n");
    CHECK(s.say("n UNSUBSCRIBE Nowhere\r\n") == "n NO [NONEXISTENT] No such mailbox\r\n");
}

TEST_CASE("mailbox names that could escape the store are refused", "[imap][server][manage]") {
    Server s;
    for (const char* name : {"../etc", "a/../../b", "/abs", "a//b", ".", "a/.", "\"a%\"", "\"b*\"",
                             "{3+}\r\na\tb", "{4+}\r\nca\xc3\xa9"}) {
        INFO(name);
        CHECK(s.say(std::string{"a CREATE "} + name + "\r\n") == "a NO [CANNOT] Invalid name\r\n");
        CHECK(s.say(std::string{"b RENAME Archive "} + name + "\r\n") ==
              "b NO [CANNOT] Invalid name\r\n");
    }
    CHECK(s.say("c CREATE " + std::string(kMaxMailboxNameOctets, 'x') + "\r\n") ==
          "c OK CREATE completed\r\n");
    CHECK(s.say("d CREATE " + std::string(kMaxMailboxNameOctets + 1, 'x') + "\r\n") ==
          "d NO [CANNOT] Invalid name\r\n");
    CHECK(s.say("e CREATE &AMk-t&AOk-\r\n") == "e OK CREATE completed\r\n");
    CHECK(valid_new_mailbox_name("Archive/2024/Q1", '/'));
    CHECK_FALSE(valid_new_mailbox_name("", '/'));
    CHECK_FALSE(valid_new_mailbox_name("a/", '/'));
}
