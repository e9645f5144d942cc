// Fixtures that run one behavioural test against every MailStore
// implementation: TEMPLATE_TEST_CASE(..., MemoryFixture, MaildirFixture).
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "protocols/store/maildir_store.hpp"
#include "protocols/store/memory_store.hpp"

namespace maillab::protocols::store::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("maillab-store-" + std::to_string(::getpid()) + "-" + std::to_string(random()) +
                 std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Sets new/ and cur/ of a Maildir to an hour ago, as if nothing had changed there
// lately, so a store trusts its last listing until the directories change.
inline void age_maildir(const std::filesystem::path& maildir) {
    const timespec an_hour_ago{.tv_sec = ::time(nullptr) - 3600, .tv_nsec = 0};
    const timespec times[2] = {an_hour_ago, an_hour_ago};
    for (const char* sub : {"new", "cur"})
        REQUIRE(::utimensat(AT_FDCWD, (maildir / sub).c_str(), times, 0) == 0);
}

inline AccountDirectory test_accounts() {
    AccountDirectory accounts;
    (void)accounts.add_account("alice", "alice-secret");
    (void)accounts.add_account("bob", "bob-secret");
    return accounts;
}

struct MemoryFixture {
    AccountDirectory accounts = test_accounts();
    std::unique_ptr<MailStore> store = std::make_unique<MemoryStore>(accounts);
    static constexpr bool kPersistent = false;
};

struct MaildirFixture {
    TempDir dir;
    AccountDirectory accounts = test_accounts();
    std::unique_ptr<MailStore> store = std::make_unique<MaildirStore>(accounts, dir.path());
    static constexpr bool kPersistent = true;

    // Drops the store and opens the same directory again, as after a restart.
    void reopen() {
        store.reset();
        store = std::make_unique<MaildirStore>(accounts, dir.path());
    }
};

inline Flags flags_of(std::initializer_list<SystemFlag> system,
                      std::initializer_list<const char*> keywords = {}) {
    Flags flags;
    for (const SystemFlag flag : system)
        flags.set(flag);
    for (const char* keyword : keywords)
        flags.add_keyword(keyword);
    return flags;
}

inline std::string sample_message(const std::string& subject, const std::string& body = "Hello") {
    return "From: Alice <alice@example.test>\r\nTo: Bob <bob@example.test>\r\nSubject: " + subject +
           "\r\nMessage-ID: <" + subject + "@example.test>\r\n\r\n" + body + "\r\n";
}

}  // namespace maillab::protocols::store::testing
