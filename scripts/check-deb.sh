#!/usr/bin/env bash
# Builds the Debian package (scripts/deb.sh) and checks it with the real tools, as .ci/run does:
# its control data and contents, lintian (no errors), the desktop entry, the MIME type (the
# shipped map is recognised as a map, another RON file is not), the man page, then installs it,
# runs it (version, a check of the shipped map, the window's app id under Xvfb) and removes it.
# Needs root (dpkg -i), and: lintian desktop-file-utils shared-mime-info libfile-mimeinfo-perl
# man-db xvfb xdotool x11-utils librsvg2-bin (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-deb: $*" >&2; exit 1; }

scripts/deb.sh >/dev/null 2>&1 || { scripts/deb.sh; fail "the package could not be built"; }
deb=$(ls target/debian/argmap_*.deb | head -1)
[ -f "$deb" ] || fail "no package in target/debian"

info=$(dpkg-deb --info "$deb")
grep -q '^ Package: argmap$' <<<"$info" || fail "control: no Package: argmap"
grep -q '^ Depends: libc6' <<<"$info" || fail "control: no Depends on libc6"
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for f in usr/bin/argmap usr/share/applications/argmap.desktop usr/share/mime/packages/argmap.xml \
  usr/share/icons/hicolor/scalable/apps/argmap.svg usr/share/icons/hicolor/16x16/apps/argmap.png \
  usr/share/icons/hicolor/512x512/apps/argmap.png usr/share/argmap/mali-minusma.ron \
  usr/share/man/man1/argmap.1.gz usr/share/man/man1/argmap-export.1.gz \
  usr/share/bash-completion/completions/argmap usr/share/zsh/vendor-completions/_argmap \
  usr/share/fish/vendor_completions.d/argmap.fish usr/share/doc/argmap/copyright; do
  grep -qx "./$f" <<<"$contents" || fail "the package lacks /$f"
done
echo "dpkg-deb: control and $(grep -c . <<<"$contents") entries as expected"

said=$(lintian --fail-on error "$deb" 2>/dev/null) || { echo "$said" >&2; fail "lintian found errors"; }
echo "lintian: no errors ($(grep -c '^W: ' <<<"$said" || true) warnings)"
# Hints (such as Office and Education both being main categories, as asked) are not errors.
desktop-file-validate assets/deb/argmap.desktop | { grep -v ': hint: ' || true; }
desktop-file-validate assets/deb/argmap.desktop >/dev/null || fail "the desktop entry is not valid"
echo "desktop-file-validate: valid"



# The MIME type in a fresh XDG data folder: the shipped map is a map, another RON file is not.
mime=$(mktemp -d)
trap 'rm -rf "$mime"' EXIT
mkdir -p "$mime/mime/packages"
cp assets/deb/argmap.xml "$mime/mime/packages/"
update-mime-database "$mime/mime" 2>/dev/null
query() { XDG_DATA_HOME=$mime XDG_DATA_DIRS=$mime:/usr/share xdg-mime query filetype "$1"; }
[ "$(query maps/mali-minusma.ron)" = application/x-argmap ] || fail "the shipped map is $(query maps/mali-minusma.ron)"
printf '(\n    name: "not a map",\n)\n' > "$mime/other.ron"
[ "$(query "$mime/other.ron")" != application/x-argmap ] || fail "any RON file counts as a map"
echo "shared-mime-info: the shipped map is application/x-argmap, another RON file $(query "$mime/other.ron")"

man -l target/deb/man/argmap.1.gz 2>/dev/null | grep -Eq 'argmap +- +Map' || fail "man argmap does not render"
echo "man: argmap.1 renders"

# Installed: on the PATH, its version, a check of the shipped map, the man page, the window.
dpkg -i "$deb" >/dev/null
trap 'dpkg -r argmap >/dev/null 2>&1 || true; rm -rf "$mime"' EXIT
[ "$(command -v argmap)" = /usr/bin/argmap ] || fail "argmap is not /usr/bin/argmap"
version=$(argmap --version)
grep -Eq '^argmap [0-9.]+ \(commit [0-9a-f]{12}\)$' <<<"$version" || fail "--version says: $version"
argmap check /usr/share/argmap/mali-minusma.ron 2>/dev/null | grep -q 'mali-minusma.ron: ok' || fail "check of the shipped map"
man argmap 2>/dev/null | grep -Eq 'argmap +- +Map' || fail "man argmap"
[ "$(xdg-mime query filetype /usr/share/argmap/mali-minusma.ron)" = application/x-argmap ] \
  || fail "the installed MIME database does not know the map"
echo "installed: $version; the shipped map checks; man argmap works; the map is application/x-argmap"

# The window's class (X11 WM_CLASS, what docks match to the desktop entry's StartupWMClass).
display=:97
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
# Until the X server listens (an app started before cannot open its display).
for _ in $(seq 100); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
HOME=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home DISPLAY=$display argmap >"$home/log" 2>&1 &
app=$!
trap 'kill $app $xvfb 2>/dev/null || true; dpkg -r argmap >/dev/null 2>&1 || true; rm -rf "$mime" "$home"' EXIT
wid=
for _ in $(seq 100); do
  wid=$(DISPLAY=$display xdotool search --class '^argmap$' 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.2
done
[ -n "$wid" ] || { cat "$home/log" >&2; fail "no window of class argmap"; }
class=$(DISPLAY=$display xprop -id "$wid" WM_CLASS)
grep -q '"argmap"$' <<<"$class" || fail "the window's $class"
echo "window: $class, as the desktop entry's StartupWMClass"
