#!/usr/bin/env bash
# Two argmap windows joined to one live map, under Xvfb, driven with xdotool as two people would:
# Ada adds a reason and Ben's window shows it; Ben selects a statement and Ada's window rings it
# in his colour with his name. Captures screenshots/live.png (both windows side by side).
#
#   scripts/live-windows.sh                 # builds the release binary first
#   BIN=target/debug/argmap scripts/live-windows.sh
#
# Needs what scripts/screenshots.sh needs (Xvfb, xdotool, ImageMagick, Mesa).
set -euo pipefail
cd "$(dirname "$0")/.."
out=screenshots
mkdir -p "$out"
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked
  BIN=target/release/argmap
fi

display=:94
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
unset WAYLAND_DISPLAY
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
# Until the X server listens (an app started before cannot open its display).
for _ in $(seq 100); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# A sync server on a free port, and the shipped map shared on it.
"$BIN" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^argmap serve: listening on //p' "$work/serve.out")
cp maps/mali-minusma.ron "$work/shared.ron"
link=$("$BIN" share "$work/shared.ron" --server "$url")
echo "server $url, link $link"

# Each person's window, with settings of their own, opened on the link.
open_window() { # name x
  local home="$work/$1"
  mkdir -p "$home"
  XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home USER=$1 "$BIN" "$link" --server "$url" >"$home/out" 2>&1 &
  local pid=$!
  pids+=($pid)
  local wid=""
  for _ in $(seq 100); do
    wid=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.2
  done
  xdotool windowsize "$wid" 800 1000
  xdotool windowmove "$wid" "$2" 0
  echo "$wid"
}
ada=$(open_window Ada 0 | tail -1)
ben=$(open_window Ben 800 | tail -1)
sleep 3

key() { # window keys...
  local w=$1
  shift
  xdotool windowfocus --sync "$w"
  xdotool key --delay 80 "$@"
}

# Ada selects the claim and adds a reason; one second later Ben's window is captured.
key "$ada" Down
key "$ada" plus
sleep 0.5
xdotool windowfocus --sync "$ada"
xdotool type --delay 20 "The mission has no other partner in Bamako."
key "$ada" Return
sleep 1
import -window root "${TMPDIR:-/tmp}/argmap-live-reason.png"
echo "wrote ${TMPDIR:-/tmp}/argmap-live-reason.png (Ben's window on the right, one second after Ada pressed Enter)"

# Ben selects the claim: Ada's window rings it in his colour, with his name.
key "$ben" Down
sleep 2.5
xdotool mousemove 1590 990
import -window root "$out/live.png"
echo "wrote $out/live.png"

# Ben adds an objection of his own, then presses Ctrl+Z twice: his objection goes from both
# windows; Ada's reason stays in both (it is not his to undo).
key "$ben" minus
sleep 0.5
xdotool windowfocus --sync "$ben"
xdotool type --delay 20 "Ben objects."
key "$ben" Return
sleep 1.5
import -window root "${TMPDIR:-/tmp}/argmap-live-objection.png"
key "$ben" ctrl+z
sleep 0.3
key "$ben" ctrl+z
sleep 1.5
import -window root "${TMPDIR:-/tmp}/argmap-live-undo.png"
echo "wrote ${TMPDIR:-/tmp}/argmap-live-objection.png and argmap-live-undo.png (after Ben's Ctrl+Z twice)"
