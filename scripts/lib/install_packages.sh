# install_debian_packages PKG...: installs those of PKG that are missing
# (apt-get as root, through sudo otherwise, nothing when all are present).
# Sourced by scripts/setup and scripts/web.

install_debian_packages() {
    local packages=("$@")
    local missing=() p status new_postfix sudo_cmd
    for p in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
        [ "$status" = installed ] || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        sudo_cmd=()
        [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
        new_postfix=0
        for p in "${missing[@]}"; do [ "$p" = postfix ] && new_postfix=1; done
        # Postfix asks how to configure itself; "No configuration" installs the
        # tools (smtp-source) without setting up or starting a mail server.
        if [ "$new_postfix" = 1 ]; then
            echo "postfix postfix/main_mailer_type select No configuration" |
                "${sudo_cmd[@]}" debconf-set-selections
        fi
        # Quiet when it works; on failure apt's own words are shown, and a
        # second try follows (a mirror's download can fail for a moment).
        local log attempt
        log=$(mktemp)
        for attempt in 1 2; do
            if "${sudo_cmd[@]}" apt-get update -qq >"$log" 2>&1 &&
                DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
                    --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
                break
            fi
            echo "apt-get failed (try $attempt of 2):" >&2
            tail -n 30 "$log" >&2
            if [ "$attempt" = 2 ]; then
                rm -f "$log"
                return 1
            fi
            sleep 10
        done
        rm -f "$log"
        # Should a service manager have started them anyway, stop the daemons we installed:
        # the tests start their own servers on high ports.
        if [ "$new_postfix" = 1 ]; then
            "${sudo_cmd[@]}" postfix stop >/dev/null 2>&1 || true
        fi
        for p in "${missing[@]}"; do
            if [ "$p" = dovecot-core ]; then
                "${sudo_cmd[@]}" dovecot stop >/dev/null 2>&1 || true
            fi
        done
    fi
    # Callers run under set -e: success is said explicitly, never left to the
    # status of the last test above.
    return 0
}
