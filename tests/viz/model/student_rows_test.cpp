// The sequence chart filtered to one student: only the rows of that
// student's sessions, from every one of their clients, in trace order.
#include "viz/model/student_rows.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

namespace {

// Two students on a server (host 0): student01 on hosts 1 (closed) and 3,
// student02 on host 2; host 4 has not logged in yet.
const std::map<sim::ConnId, ConnectionEnds> kEnds{
    {10, {1, 0}}, {11, {2, 0}}, {12, {3, 0}}, {13, {4, 0}}};
const std::map<sim::ConnId, std::vector<std::size_t>> kRows{
    {10, {1, 4, 6}}, {11, {2, 5, 9}}, {12, {7, 8, 12}}, {13, {10, 11}}};
const std::map<sim::HostId, std::string> kStudents{
    {1, "student01"}, {2, "student02"}, {3, "student01"}};

}  // namespace

TEST_CASE("student rows: every session of the student, merged in trace order") {
    const StudentRows rows = student_rows("student01", kRows, kEnds, kStudents);
    REQUIRE(rows.events == std::vector<std::size_t>{1, 4, 6, 7, 8, 12});
    REQUIRE(rows.lanes == std::vector<sim::HostId>{1, 3, 0});
}

TEST_CASE("student rows: another student's and unclaimed sessions are left out") {
    const StudentRows rows = student_rows("student02", kRows, kEnds, kStudents);
    REQUIRE(rows.events == std::vector<std::size_t>{2, 5, 9});
    REQUIRE(rows.lanes == std::vector<sim::HostId>{2, 0});
}

TEST_CASE("student rows: a student who has not connected has no rows and no lanes") {
    const StudentRows rows = student_rows("student09", kRows, kEnds, kStudents);
    REQUIRE(rows.events.empty());
    REQUIRE(rows.lanes.empty());
}
