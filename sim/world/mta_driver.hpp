// MtaDriver: runs a server's MTA queue in the simulated world — wakes up
// when the queue says a retry is due, looks up MX records in the simulated
// DNS, delivers local mail to the store and relays the rest with an SMTP
// client session over virtual TCP, and feeds every result back to the queue.
// Each queue change becomes a trace event.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocols/mta/queue.hpp"
#include "protocols/mta/router.hpp"
#include "sim/kernel/simulator.hpp"

namespace maillab::sim {

class World;
class MailServer;
struct DnsResult;

class MtaDriver {
public:
    MtaDriver(World& world, MailServer& server, protocols::mta::Queue queue);

    protocols::mta::Queue& queue() { return queue_; }
    // Queues an accepted message (the caller answers 250 only if this succeeds).
    protocols::mta::Queue::Enqueued enqueue(protocols::mta::Envelope envelope);
    // Looks at the queue now.
    void kick();
    std::size_t flush(std::string_view domain);
    // The server went down (crash or switched off): deliveries under way are
    // forgotten, and results that still arrive from before are ignored.
    void stopped();

private:
    void record(const std::vector<protocols::mta::QueueChange>& changes);
    void schedule_wakeup();
    void wake();
    void deliver(const protocols::mta::Delivery& delivery);
    // Routes a delivery by the MX answer: here, to another host, or back as a bounce or deferral.
    void route(const protocols::mta::Delivery& delivery, const DnsResult& dns);
    void deliver_local(const protocols::mta::Delivery& delivery);
    void deliver_remote(protocols::mta::Delivery delivery,
                        std::vector<protocols::mta::Target> targets, std::size_t next);
    void finish(const protocols::mta::Delivery& delivery,
                const protocols::mta::DeliveryResult& result);

    World& world_;
    MailServer& server_;
    protocols::mta::Queue queue_;
    std::optional<EventId> wakeup_;
    SimTime wakeup_at_ = 0;
    std::uint64_t run_ = 0;  // one more per stop: callbacks from an older run are stale
};

}  // namespace maillab::sim
