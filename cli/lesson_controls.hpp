// LessonControls: the window's controls (viz::WorldControls) carried out by
// the lesson run behind it, as lesson actions, so what a teacher does live
// is traced and judged exactly like what the lesson scripts.
#pragma once

#include "sim/lesson_run/lesson_run.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::cli {

class LessonControls : public viz::WorldControls {
public:
    explicit LessonControls(sim::LessonRun& run) : run_(run) {}

    std::vector<std::string> devices() const override;
    std::vector<std::string> servers() const override;
    std::vector<std::pair<std::string, std::string>> links() const override;
    bool host_up(std::string_view host) const override;
    bool link_up(std::string_view a, std::string_view b) const override;
    std::vector<viz::MailCheck> mail_checks(std::string_view device) const override;
    std::string address_of(std::string_view device) const override;

    std::size_t set_host_up(std::string_view host, bool up) override;
    std::size_t set_link_up(std::string_view a, std::string_view b, bool up) override;
    std::size_t send(std::string_view device, std::string_view to, std::string_view subject,
                     std::string_view body) override;
    std::size_t check_mail(std::string_view device, viz::MailCheck how) override;

private:
    const sim::lesson::DeviceAccountSpec* account_of(std::string_view device) const;
    std::size_t play(sim::lesson::ActionKind kind, std::string name, std::string why);

    sim::LessonRun& run_;
};

}  // namespace maillab::cli
