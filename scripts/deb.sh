#!/usr/bin/env bash
# Builds argmap's Debian package: target/debian/argmap_VERSION-1_ARCH.deb.
#
#   scripts/deb.sh
#
# Installs cargo-deb (pinned, from crates.io) when it is missing, builds the release binary, makes
# what the package holds besides it under target/deb (the man pages from the command line's own
# definition, the shell completions, the icon at each size, the copyright file listing every
# library's licence), then packs it with `cargo deb` (its metadata is in Cargo.toml).
# Needs rsvg-convert (Debian: librsvg2-bin) for the icons.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install --locked cargo-deb --version 3.8.0
fi
cargo build --release --locked
bin=target/release/argmap
out=target/deb
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"

# Man pages: argmap.1 and one per verb, compressed as Debian keeps them.
"$bin" manual "$out/man" >/dev/null
gzip -9n "$out"/man/*.1

# Shell completions.
"$bin" completions bash > "$out/completions/argmap"
"$bin" completions zsh > "$out/completions/_argmap"
"$bin" completions fish > "$out/completions/argmap.fish"

# The icon in the hicolor theme's sizes, from assets/icon.svg.
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$out/icons/${size}x${size}"
  rsvg-convert -w "$size" -h "$size" assets/icon.svg -o "$out/icons/${size}x${size}/argmap.png"
done

# The copyright file: argmap's licence, the shipped map's source, and every library argmap is
# linked with (assets/licenses.txt, made from Cargo.lock) with its licence.
{
  cat <<'HEAD'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: argmap
Upstream-Contact: The argmap developers <argmap@users.noreply.github.com>

Files: *
Copyright: 2026 The argmap developers
License: MIT or Apache-2.0
Comment: argmap is linked statically with these Rust libraries, each under the licence given
 (name, version: licence, as Cargo.lock pins them; `argmap licenses` prints the same list):
 .
HEAD
  grep -v '^argmap ' assets/licenses.txt | sed 's/^/ /'
  cat <<'TAIL'

Files: usr/share/argmap/mali-minusma.ron
Copyright: 2026 The argmap developers
License: MIT or Apache-2.0
Comment: The map's source quotes are taken from "What Does the Coup in Mali Mean for UN
 Peacekeepers in the Country?", CIPS Blog, Centre for International Policy Studies,
 University of Ottawa, 2020, published under CC BY-NC-ND 4.0; each quote names it.

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this
 software and associated documentation files (the "Software"), to deal in the Software
 without restriction, including without limitation the rights to use, copy, modify, merge,
 publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 to whom the Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
 PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
 FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 DEALINGS IN THE SOFTWARE.

License: Apache-2.0
 On Debian systems, the full text of the Apache License, Version 2.0 can be found in
 /usr/share/common-licenses/Apache-2.0.
TAIL
} > "$out/copyright"

cargo deb --no-build --locked
