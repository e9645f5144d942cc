#include "cli/classroom_accounts.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace maillab::cli {

namespace {

// 64 short words, easy to spell, none a rude word in English, French or
// German, none that differs from another by one letter: a class typing them
// on phones makes few mistakes. 64 so a random byte picks one without bias.
constexpr const char* kWords[] = {
    "apple",  "bear",  "bell",  "berry", "boat",  "bread", "brick",  "candle", "cloud", "coral",
    "crane",  "desk",  "dove",  "drum",  "eagle", "fern",  "fish",   "flame",  "frog",  "fox",
    "garden", "gold",  "grape", "hill",  "honey", "horse", "island", "jade",   "kite",  "lake",
    "lemon",  "lion",  "maple", "melon", "mint",  "moon",  "nest",   "ocean",  "olive", "otter",
    "owl",    "panda", "pearl", "pine",  "plum",  "pond",  "rain",   "river",  "robin", "rose",
    "salt",   "seal",  "shell", "snow",  "star",  "stone", "sun",    "tiger",  "tulip", "violet",
    "wave",   "whale", "wolf",  "zebra"};
static_assert(std::size(kWords) == 64);

std::uint8_t random_byte() {
    unsigned char byte = 0;
    if (RAND_bytes(&byte, 1) != 1) throw ClassroomError{"the system's random generator failed"};
    return byte;
}

// 0..99 without modulo bias: bytes of 200 and above are drawn again.
int random_two_digits() {
    for (;;) {
        const std::uint8_t byte = random_byte();
        if (byte < 200) return byte % 100;
    }
}

constexpr const char* kHeader =
    "# maillab serve --classroom: the class's accounts, NAME PASSWORD, one a line.\n"
    "# Kept so that restarts keep the passwords on the printed sheet.\n";

std::map<std::string, std::string> read_accounts(const std::filesystem::path& file) {
    std::map<std::string, std::string> accounts;
    std::ifstream in{file};
    if (!in) {
        if (std::filesystem::exists(file)) throw ClassroomError{"cannot read " + file.string()};
        return accounts;
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields{line};
        std::string user;
        std::string password;
        std::string extra;
        if (!(fields >> user >> password) || (fields >> extra)) {
            throw ClassroomError{file.string() + ":" + std::to_string(number) +
                                 ": expected NAME PASSWORD"};
        }
        accounts[user] = password;
    }
    return accounts;
}

// Written to a temporary file created with mode 0600 and renamed, so the
// passwords are never readable by others and a crash leaves the old file.
void write_accounts(const std::filesystem::path& file,
                    const std::map<std::string, std::string>& accounts) {
    std::string text = kHeader;
    for (const auto& [user, password] : accounts)
        text += user + " " + password + "\n";
    const std::filesystem::path temporary = file.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw ClassroomError{"cannot write " + temporary.string()};
    ::fchmod(fd, 0600);  // an older file of that name may have had other bits
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n <= 0) {
            ::close(fd);
            throw ClassroomError{"cannot write " + temporary.string()};
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    std::error_code error;
    if (synced) std::filesystem::rename(temporary, file, error);
    if (!synced || error) throw ClassroomError{"cannot write " + file.string()};
}

}  // namespace

std::string student_name(int number, int class_size) {
    std::string digits = std::to_string(number);
    const std::size_t width = class_size > 99 ? 3 : 2;
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return "student" + digits;
}

std::string random_classroom_password() {
    const std::string first = kWords[random_byte() % std::size(kWords)];
    const std::string second = kWords[random_byte() % std::size(kWords)];
    const int digits = random_two_digits();
    return first + "-" + second + "-" + (digits < 10 ? "0" : "") + std::to_string(digits);
}

std::filesystem::path classroom_accounts_file(const std::filesystem::path& data_dir) {
    return data_dir / "classroom" / "accounts.txt";
}

std::vector<ClassroomAccount> load_or_create_classroom(const std::filesystem::path& data_dir,
                                                       int class_size) {
    if (class_size < kMinClassSize || class_size > kMaxClassSize) {
        throw std::invalid_argument{
            "--classroom wants a class of " + std::to_string(kMinClassSize) + " to " +
            std::to_string(kMaxClassSize) + " students, got " + std::to_string(class_size)};
    }
    const std::filesystem::path file = classroom_accounts_file(data_dir);
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) throw ClassroomError{"cannot create " + file.parent_path().string()};
    auto stored = read_accounts(file);

    std::vector<ClassroomAccount> accounts;
    bool added = false;
    auto account = [&](const std::string& user) {
        auto [it, inserted] = stored.try_emplace(user);
        if (inserted) {
            it->second = random_classroom_password();
            added = true;
        }
        accounts.push_back({user, it->second});
    };
    for (int i = 1; i <= class_size; ++i)
        account(student_name(i, class_size));
    account(kTeacherAccount);
    if (added) write_accounts(file, stored);
    return accounts;
}

}  // namespace maillab::cli
