#!/usr/bin/env bash
# The presenter scale from the keyboard, as a teacher uses it: under Xvfb,
# Ctrl+= twice, Ctrl+- and Ctrl+0 each rebuild the fonts at the new size
# (the window keeps running) and are remembered in
# $XDG_CONFIG_HOME/maillab/settings.ini.
# Usage: scale_keys_test.sh XVFB_RUN MAILLAB XDOTOOL   (runs itself again inside Xvfb)
set -uo pipefail

if [ "${1:-}" != --inside ]; then
    exec "$1" -a -s '-screen 0 1920x1080x24' "$0" --inside "$2" "$3"
fi
maillab=$2 xdotool=$3
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
settings="$config/maillab/settings.ini"
XDG_CONFIG_HOME=$config "$maillab" gui smtp-basics --seek 1 --size 1280x720 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$config"' EXIT
window=""
for _ in $(seq 50); do
    window=$("$xdotool" search --name '^maillab$' 2>/dev/null | head -1)
    [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "the window did not appear"; exit 1; }
"$xdotool" mousemove 200 200
"$xdotool" windowfocus "$window"
sleep 1

# Presses a key and checks the remembered scale.
expect() {
    "$xdotool" key "$1"
    for _ in $(seq 25); do
        grep -qx "scale_percent = $2" "$settings" 2>/dev/null && break
        sleep 0.2
    done
    grep -qx "scale_percent = $2" "$settings" || { echo "after $1: wanted $2, settings say: $(cat "$settings" 2>&1)"; exit 1; }
    kill -0 $pid || { echo "the window died after $1"; exit 1; }
}
expect ctrl+equal 125
expect ctrl+equal 150
expect ctrl+minus 125
expect ctrl+0 100
echo "scale keys ok"
