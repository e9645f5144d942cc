// The accounts of `maillab serve --classroom N`: student01 … studentNN and
// teacher, each with an easy-to-type password ("maple-otter-42": two short
// words and two digits, about 20 bits, enough for a lab server that lives for
// a lesson on a school network, short enough to type on a phone).
//
// Passwords come from OpenSSL's CSPRNG the first time a name is needed and
// are then kept in DATA/classroom/accounts.txt (mode 0600), so the sheet
// handed out last week still works after a restart; a larger N adds
// accounts, a smaller one leaves the extra ones in the file unused.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace maillab::cli {

inline constexpr int kMinClassSize = 1;
inline constexpr int kMaxClassSize = 200;
inline constexpr const char* kTeacherAccount = "teacher";

// The accounts file cannot be read or written, or is not ours.
class ClassroomError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ClassroomAccount {
    std::string user;
    std::string password;
};

// "student01" for 1 of 30; three digits once the class has more than 99.
std::string student_name(int number, int class_size);

// A fresh password from the CSPRNG.
std::string random_classroom_password();

// The accounts file under the data folder.
std::filesystem::path classroom_accounts_file(const std::filesystem::path& data_dir);

// The class_size students in order, then the teacher; missing ones are
// created and the file rewritten. Throws std::invalid_argument for a size
// outside kMinClassSize..kMaxClassSize, ClassroomError for file problems.
std::vector<ClassroomAccount> load_or_create_classroom(const std::filesystem::path& data_dir,
                                                       int class_size);

}  // namespace maillab::cli
