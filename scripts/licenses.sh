#!/usr/bin/env bash
# Writes assets/licenses.txt: argmap and every library its binary is built from (normal
# dependencies on this platform, as Cargo.lock pins them), one per line: "name version: licence".
# The app shows it (Help > About, `argmap licenses`); the Debian package's copyright file is made
# from it. tests/licenses.rs fails when it no longer matches Cargo.lock.
#
#   scripts/licenses.sh            # rewrite assets/licenses.txt
#   scripts/licenses.sh --print    # print it instead
set -euo pipefail
cd "$(dirname "$0")/.."
list() {
  cargo tree --locked -e normal --prefix none --format '{p}|{l}' \
    | sed -E 's/ \(\*\)$//; s/ \([^)]*\)\|/|/; s/^([^ ]+) v([^|]+)\|(.*)$/\1 \2: \3/' \
    | LC_ALL=C sort -u
}
if [ "${1:-}" = "--print" ]; then
  list
else
  list > assets/licenses.txt
  echo "wrote assets/licenses.txt ($(wc -l < assets/licenses.txt) entries)"
fi
