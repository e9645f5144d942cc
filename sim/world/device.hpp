// Device: a laptop or phone in the world. It sends mail through a server's
// submission port, checks mail with POP3 (download and delete, or leave on
// server with UIDL), goes offline and comes back. Its local copy of mail is
// part of the world's visible state: every change to it is a trace event.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "protocols/imap/client_session.hpp"
#include "sim/trace/event.hpp"

namespace maillab::sim {

class World;

struct DeviceSpec {
    std::string name;     // "laptop"
    std::string address;  // "10.0.1.2"
    std::string kind = "laptop";
};

enum class TlsChoice { None, StartTls, Implicit };

struct SendJob {
    std::string server;  // host name of the submission server
    std::uint16_t port = 587;
    TlsChoice tls = TlsChoice::StartTls;
    std::string user;
    std::string password;
    std::string from;
    std::vector<std::string> to;
    std::vector<std::string> bcc;  // envelope only: no header names them (RFC 5322 §3.6.3)
    std::string subject;
    std::string body;
    bool notify_success = false;  // ask for a delivery confirmation (DSN, RFC 3461)
};

struct Pop3Job {
    std::string server;
    std::uint16_t port = 110;
    TlsChoice tls = TlsChoice::StartTls;
    std::string user;
    std::string password;
    bool delete_after_download = true;
    bool only_new = true;                  // skip what this device already has (UIDL)
    std::optional<int> delete_after_days;  // with leave-on-server: remove old copies
};

// One IMAP connection doing tasks in order (sync, read, flag, move...), or,
// while the device is offline, the same tasks applied to its cache and
// queued for the next connection.
struct ImapJob {
    std::string server;
    std::uint16_t port = 143;
    TlsChoice tls = TlsChoice::StartTls;
    std::string user;
    std::string password;
    std::vector<protocols::imap::ClientTask> tasks;
    // With an Idle task: how long the device waits in IDLE, counted from the job's start.
    SimTime idle_for = 0;
};

// Lines typed by hand at a raw terminal (telnet; openssl s_client on 465/995/993).
struct TypeJob {
    std::string server;
    std::uint16_t port = 25;
    TlsChoice tls = TlsChoice::None;  // Implicit on the implicit-TLS ports
    std::vector<std::string> lines;
};

// How a job ended, for lessons and tests.
struct JobResult {
    bool ok = false;
    std::string summary;  // "250 2.0.0 Ok: queued as 00000001" / "downloaded 2, deleted 2"
};

struct LocalMessage {
    std::string key;  // "pop3 alice@mail.maillab.test 1.3"
    std::string subject;
    std::string bytes;
    SimTime received = 0;  // when it was written (its Date), in virtual time
};

class Device {
public:
    using Done = std::function<void(const JobResult&)>;

    Device(World& world, HostId host, DeviceSpec spec);

    const std::string& name() const { return spec_.name; }
    HostId host() const { return host_; }
    const DeviceSpec& spec() const { return spec_; }
    const std::vector<LocalMessage>& local_copy() const { return local_; }

    void send(const SendJob& job, Done done = {});
    void pop3_check(const Pop3Job& job, Done done = {});
    void type(const TypeJob& job, Done done = {});
    void imap(const ImapJob& job, Done done = {});
    void set_online(bool online);
    bool online() const { return online_; }
    // The device's IMAP cache for "user@server", if it has used that account.
    const protocols::imap::ClientCache* imap_cache(const std::string& account) const;
    // UIDs the last IMAP SEARCH on this device found.
    const std::vector<std::uint32_t>& last_search() const { return last_search_; }
    // The last IMAP SORT's UIDs in order, and the last THREAD's conversations ("(1 2)(3)").
    const std::vector<std::uint32_t>& last_sort() const { return last_sort_; }
    const std::string& last_threads() const { return last_threads_; }
    // The message the last send() submitted, as composed: what a Sent copy holds.
    const std::string& last_sent() const { return last_sent_; }

private:
    void add_local(LocalMessage message);
    void apply_imap_changes(const std::string& prefix,
                            const std::vector<protocols::imap::CacheChange>& changes);

    World& world_;
    HostId host_;
    DeviceSpec spec_;
    std::vector<LocalMessage> local_;
    std::map<std::string, protocols::imap::ClientCache> imap_caches_;  // by "user@server"
    std::vector<std::uint32_t> last_search_;
    std::vector<std::uint32_t> last_sort_;
    std::string last_threads_;
    std::string last_sent_;
    bool online_ = true;
};

}  // namespace maillab::sim
