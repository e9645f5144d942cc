// SmtpBackendAdapter: what a server's SMTP sessions ask of the world —
// domains, users, passwords, the queue and the (virtual) time.
#pragma once

#include <cstdint>

#include "protocols/smtp/backend.hpp"

namespace maillab::sim {

class World;
class MailServer;
class MtaDriver;

class SmtpBackendAdapter : public protocols::smtp::SmtpBackend {
public:
    SmtpBackendAdapter(World& world, MailServer& server, MtaDriver& mta)
        : world_(world), server_(server), mta_(mta) {}

    bool is_local_domain(std::string_view domain) const override;
    bool recipient_exists(std::string_view address) const override;
    bool authenticate(std::string_view user, std::string_view password) override;
    protocols::smtp::AcceptResult accept(const protocols::smtp::Envelope& envelope,
                                         std::string message) override;
    protocols::smtp::EtrnResult etrn(std::string_view domain) override;
    std::chrono::sys_seconds now() const override;
    std::string unique_id() override;

private:
    World& world_;
    MailServer& server_;
    MtaDriver& mta_;
    std::uint64_t next_id_ = 1;
};

}  // namespace maillab::sim
