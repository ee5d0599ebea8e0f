#!/usr/bin/env bash
# Opens a generated map in the real app (release build) under Xvfb and reports what a user
# waits for and what the app holds: the time from start to the first drawn frame, the resident
# memory after opening, and after a scripted round of edits (xdotool: reasons added and typed,
# then undone), so README's figures for large maps can be checked by anyone.
#
#   scripts/measure-large.sh [STATEMENTS] [EDITS]      # defaults: 100000 statements, 20 edits
#
# Needs: xvfb, xdotool (Debian: apt-get install -y xvfb xdotool libgl1-mesa-dri libegl1).
set -euo pipefail

statements="${1:-100000}"
edits="${2:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
display=":$((90 + RANDOM % 9))"
cleanup() {
    # The app first, and waited for (it must not lose its display while closing), then Xvfb.
    if [[ -n "${app:-}" ]]; then
        kill "$app" 2>/dev/null || true
        wait "$app" 2>/dev/null || true
    fi
    [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || { echo "measure-large: $tool is missing" >&2; exit 2; }
done
(cd "$root" && cargo build --release --quiet)
argmap="$root/target/release/argmap"
"$argmap" gen --statements "$statements" "$work/map.ron" >/dev/null

Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
# Until the X server listens (an app started before cannot open its display).
for _ in $(seq 100); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY="$display" HOME="$work/home" ARGMAP_REPORT_FIRST_FRAME=1
mkdir -p "$HOME"

rss() { awk '/^VmRSS/ { printf "%d MB", $2 / 1024 }' "/proc/$app/status"; }
now() { date +%s%3N; }

start=$(now)
"$argmap" "$work/map.ron" 2>"$work/stderr" &
app=$!
for _ in $(seq 600); do
    grep -q "first frame drawn at" "$work/stderr" && break
    kill -0 "$app" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
    sleep 0.05
done
drawn=$(sed -n 's/.*first frame drawn at \([0-9]*\).*/\1/p' "$work/stderr" | head -1)
[[ -n "$drawn" ]] || { echo "measure-large: no frame drawn in 30 s" >&2; exit 1; }
sleep 3
echo "$statements statements: first frame $((drawn - start)) ms after start; resident $(rss) 3 s after"

window=$(xdotool search --sync --name argmap | head -1)
xdotool windowfocus "$window"
sleep 0.5
# The claim is selected as the map opens: each round adds a reason to the selection and types it.
for i in $(seq "$edits"); do
    xdotool key --delay 50 plus
    xdotool type --delay 10 "Reason $i typed by the script"
    xdotool key Return
    sleep 0.3
done
case "$(xdotool getwindowname "$window")" in
    *"*"*) echo "after $edits edits: resident $(rss)" ;;
    *) echo "measure-large: the edits did not reach the map" >&2; exit 1 ;;
esac
for _ in $(seq "$edits"); do
    xdotool key ctrl+z
    sleep 0.2
done
sleep 2
echo "after $edits edits and $edits undos: resident $(rss)"
