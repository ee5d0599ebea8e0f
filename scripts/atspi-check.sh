#!/usr/bin/env bash
# Checks argmap through the real Linux accessibility bus (AT-SPI, what Orca uses): starts Xvfb, a
# private D-Bus session and the AT-SPI bus, reports a screen reader as running (AccessKit's
# Unix adapter only wakes up then), starts argmap on the shipped map, and runs
# scripts/atspi-check.py against it. Exit status 0 when every check passes.
#
#   scripts/atspi-check.sh [ARGMAP]      # default: target/release/argmap
#
# Needs (Debian): at-spi2-core dbus-x11 python3-pyatspi gir1.2-atspi-2.0 xvfb xdotool and Mesa's
# software GL (libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/argmap}

n=90
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=":$n"
unset WAYLAND_DISPLAY
# The X server takes a moment to start (longer on a loaded machine): an app started before it
# listens fails to open its display.
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
eval "$(dbus-launch --sh-syntax)"
home=$(mktemp -d)
app=""
bus=""
trap 'kill $app $bus $xvfb "$DBUS_SESSION_BUS_PID" 2>/dev/null || true; rm -rf "$home"' EXIT

/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
a11y() {
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$1" variant:boolean:true >/dev/null
}
for _ in $(seq 50); do a11y IsEnabled 2>/dev/null && break; sleep 0.1; done
a11y ScreenReaderEnabled

HOME=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home "$bin" >"$home/app.log" 2>&1 &
app=$!
wid=""
# Up to a minute: a debug build under software GL on a loaded 2-core machine can take a while.
for _ in $(seq 300); do
  wid=$(xdotool search --onlyvisible --name "argmap" 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.2
done
if [ -z "$wid" ]; then
  echo "argmap's window did not appear; it said:" >&2
  tail -n 20 "$home/app.log" >&2 || true
  exit 1
fi
xdotool windowsize "$wid" 1600 1000
xdotool windowfocus "$wid"
sleep 2
/usr/bin/python3 scripts/atspi-check.py
