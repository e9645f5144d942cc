// WorldControls: what the window may do to the running world — take hosts
// and links down and up, send a message from a device, check mail from a
// device. The trace is append-only, so every action happens at the end of
// the recorded world and is traced like a scripted one; each call returns the
// index of the first event it added, where the playhead goes to show it.
// The command line implements it over a lesson run; viz only sees this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace maillab::viz {

// How a device looks for mail: POP3 download, IMAP sync, or IMAP IDLE (it waits
// for the server to push new mail while the user goes on acting).
enum class MailCheck { Pop3, Imap, ImapIdle };

class WorldControls {
public:
    virtual ~WorldControls() = default;

    virtual std::vector<std::string> devices() const = 0;
    virtual std::vector<std::string> servers() const = 0;
    virtual std::vector<std::pair<std::string, std::string>> links() const = 0;
    // The state at the end of the recorded world (not at the playhead).
    virtual bool host_up(std::string_view host) const = 0;
    virtual bool link_up(std::string_view a, std::string_view b) const = 0;
    // Which ways `device` can check mail (its account's server runs POP3 / IMAP).
    virtual std::vector<MailCheck> mail_checks(std::string_view device) const = 0;
    // The address mail from `device` is sent from, as a hint for the form.
    virtual std::string address_of(std::string_view device) const = 0;

    virtual std::size_t set_host_up(std::string_view host, bool up) = 0;
    virtual std::size_t set_link_up(std::string_view a, std::string_view b, bool up) = 0;
    virtual std::size_t send(std::string_view device, std::string_view to, std::string_view subject,
                             std::string_view body) = 0;
    virtual std::size_t check_mail(std::string_view device, MailCheck how) = 0;
};

}  // namespace maillab::viz
