// Reads [world]: servers, their accounts and stored mail, devices and the
// accounts they use, extra links and DNS overrides; derives the implicit
// links and DNS records. Internal to the loader.
#pragma once

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/lesson_spec.hpp"
#include "sim/lesson/table_reader.hpp"

namespace maillab::sim::lesson {

WorldSpec parse_world(const toml::table& world, Diagnostics& diags);

}  // namespace maillab::sim::lesson

namespace maillab::sim::lesson {

// Reads `between = ["a", "b"]`: two different names, each a host of the world
// or "internet".
std::optional<LinkEnds> read_between(TableReader& reader, const WorldSpec& world, Need need);

// Every host name, servers first, for suggestions.
std::vector<std::string> host_names(const WorldSpec& world);

}  // namespace maillab::sim::lesson
