// Fuzzes the MTA's queue-file loader: the input is written as a queue file
// into a scratch queue directory and loaded. The loader must either restore
// exactly what parse_queue_entry reads (which must then survive a
// serialize/parse round trip) or move the file to corrupt/ — never crash,
// never drop it silently.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "protocols/mta/queue_directory.hpp"
#include "protocols/mta/queue_file.hpp"

using namespace maillab::protocols::mta;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes{reinterpret_cast<const char*>(data), size};

    const auto parsed = parse_queue_entry(bytes);
    if (parsed.entry) {
        const auto again = parse_queue_entry(serialize_queue_entry(*parsed.entry));
        if (!again.entry || !(*again.entry == *parsed.entry)) std::abort();
    } else if (parsed.error.empty()) {
        std::abort();
    }

    const fs::path dir =
        fs::temp_directory_path() / ("maillab-fuzz-queue-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    QueueDirectory directory{dir};
    if (!directory.open().empty()) return 0;
    const std::string name = parsed.entry ? format_queue_id(parsed.entry->envelope.id) : "00000001";
    {
        std::ofstream out{dir / name, std::ios::binary};
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    const auto loaded = directory.load();
    const bool kept = fs::exists(dir / name);
    const bool moved = fs::exists(dir / kCorruptFolder / name);
    if (parsed.entry) {
        if (loaded.entries.size() != 1 || !(loaded.entries[0] == *parsed.entry) || !kept) {
            std::abort();
        }
    } else if (!loaded.entries.empty() || kept || !moved || loaded.notes.size() != 1) {
        std::abort();
    }
    fs::remove_all(dir);
    return 0;
}
