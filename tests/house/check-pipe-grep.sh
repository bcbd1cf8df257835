#!/usr/bin/env bash
# check-pipe-grep.sh — no pipe into grep -q in a shell script that sets pipefail.
#
#   check-pipe-grep.sh [ROOT]      ROOT: the source tree (default: this checkout)
#
# grep -q exits at its first match; the command writing into the pipe then
# dies of SIGPIPE, and under `set -o pipefail` the whole pipeline fails, so
# a check that found what it looked for reports that it did not. It happens
# only when the writer has more to say than the pipe holds, which makes such
# a test fail now and then (a colourful screenshot's histogram) or never (a
# negated check). Write `grep PATTERN >/dev/null` (it reads everything) or
# grep a here-string. Prints one "file:line: text" per breach; exits 1.
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"

# A script is under pipefail when it sets it or sources the e2e library.
under_pipefail() {
  grep -qE 'set -[a-z]*o pipefail|set -o pipefail|lib-e2e\.sh' "$1"
}

breaches=0
while IFS= read -r script; do
  under_pipefail "$script" || continue
  while IFS= read -r hit; do
    echo "$script:$hit"
    breaches=$((breaches + 1))
  done < <(grep -nE '\|[[:space:]]*grep[[:space:]]+(-[A-Za-z]*q|--quiet)' "$script" || true)
done < <(git ls-files '*.sh' 2>/dev/null || find . -name '*.sh' -not -path './build/*')

if [ "$breaches" -gt 0 ]; then
  echo "$breaches pipe(s) into grep -q under pipefail: use 'grep PATTERN >/dev/null' instead" >&2
  exit 1
fi
echo "no pipe into grep -q under pipefail"
