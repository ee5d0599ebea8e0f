#!/usr/bin/env bash
# Makes the README's screenshots from the real app: starts argmap under Xvfb (software GL),
# drives it with xdotool as a user would, and captures the window with ImageMagick.
#
#   scripts/screenshots.sh            # writes screenshots/*.png
#
# Needs: apt-get install -y --no-install-recommends xvfb xauth xdotool imagemagick libgl1
#        libglx-mesa0 libegl1 libegl-mesa0 libgl1-mesa-dri libx11-xcb1 libxcursor1 libxi6
#        libxrandr2 libxkbcommon-x11-0
set -euo pipefail
cd "$(dirname "$0")/.."
out=screenshots
mkdir -p "$out"
cargo build --release --locked
bin=target/release/argmap

display=:93
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
unset WAYLAND_DISPLAY
# A fresh settings folder, so window size, theme and panels start from their defaults.
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d)
export XDG_CONFIG_HOME=$XDG_DATA_HOME
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$XDG_DATA_HOME"' EXIT
# Until the X server listens (an app started before cannot open its display).
for _ in $(seq 100); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

"$bin" &
app=$!
for _ in $(seq 50); do
  wid=$(xdotool search --onlyvisible --name "argmap" 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.2
done
xdotool windowsize "$wid" 1600 1000
xdotool windowmove "$wid" 0 0
xdotool windowfocus "$wid"
xdotool mousemove 1500 960  # park the pointer on the inspector: no hover tooltips in the pictures
sleep 2

shot() { sleep 1; import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }
key() { xdotool windowfocus "$wid"; xdotool key --delay 80 "$@"; }

# 1. The map as it opens: the question on top, the first reasons and objections readable.
shot overview

# 2. An editing moment: walk to the honest-broker objection with the arrow keys, press '-' and
#    type a rebuttal.
key Down
for _ in $(seq 9); do key Right; done
key minus
sleep 0.5
xdotool type --delay 30 "An honest broker can still work with the government it mediates with."
shot editing
key Escape

# 3. The whole map fitted to the window (F).
key f
shot whole-map

# 4. Deleting a statement that others hang from asks what to do with them: find it (Ctrl+F),
#    press Delete, look at the question, cancel.
key ctrl+f
xdotool type --delay 30 "In the short term"
key Return Escape
key Delete
shot delete-asks
key Escape

# 4b. An argument's scheme and its critical questions in the inspector: the reason about the
#     civilian-led government (a verbal classification; two objections answer its first question),
#     and each argument's open questions counted on the canvas.
key ctrl+f
xdotool type --delay 30 "Cooperation became more palatable"
key Return Escape
key shift+q          # View > Show open critical questions: a ?N badge on each argument
shot questions
key shift+q

# 5. Help (F1) at the window's size: getting started and the cheat sheet, scrolling.
key F1
shot help
key F1

# 6. The source pane: the article beside the map, located once in ../shared/seed (File >
#    Locate document… in argmap's own dialog, the path typed), the claim's passage in view.
if [ -f ../shared/seed/mali-coup-un-peacekeepers.txt ]; then
  key ctrl+d
  sleep 0.5
  xdotool mousemove 71 133 click 1   # the pane's "Locate document…"
  sleep 1
  xdotool mousemove 770 665 click 1  # the dialog's file name field
  xdotool type --delay 10 "$(cd ../shared/seed && pwd)/mali-coup-un-peacekeepers.txt"
  key Return
  xdotool mousemove 1500 960
  shot source
  key ctrl+d
fi

# 7. An export, made by the CLI exactly as a user would: the whole map as a light PNG.
"$bin" export maps/mali-minusma.ron "$out/export-minusma.png"
echo "wrote $out/export-minusma.png"
# 8. A page export: the map on an A4 landscape PDF, shown as poppler draws that PDF.
pdf=$(mktemp --suffix=.pdf)
"$bin" export maps/mali-minusma.ron "$pdf" --page a4-landscape --eval
pdftoppm -r 110 -png -singlefile "$pdf" "$out/export-a4"
rm -f "$pdf"
echo "wrote $out/export-a4.png"
# 9. The web page export in headless Chromium, as tests/web.rs drives it: the claim clicked
#    (its panel open), and the same page in a phone-sized window.
page=$(mktemp --suffix=.html)
"$bin" export maps/mali-minusma.ron "$page"
(cd scripts/web && npm ci --no-audit --no-fund >/dev/null && node check.mjs "$page" "$page.json" \
  "$(cd ../.. && pwd)/$out/web-page.png" "$(cd ../.. && pwd)/$out/web-phone.png")
rm -f "$page" "$page.json"
echo "wrote $out/web-page.png $out/web-phone.png"
