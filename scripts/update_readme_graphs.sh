#!/usr/bin/env bash
# Rewrites the architecture diagrams in README.md: for each templates/<Stack>.yaml, the text
# between `<!-- graph:<Stack> -->` and `<!-- /graph:<Stack> -->` becomes a ```mermaid block
# with the output of `formwork graph templates/<Stack>.yaml`. The markers must already be in
# the README (they say where each diagram goes); a template without markers is an error.
#
# Usage: scripts/update_readme_graphs.sh [FORMWORK [README [TEMPLATES_DIR]]]
#   FORMWORK       the built formwork program (default: build/formwork)
#   README         the file to rewrite (default: README.md at the repository root)
#   TEMPLATES_DIR  where the templates are (default: templates/ at the repository root)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
formwork="${1:-$root/build/formwork}"
readme="${2:-$root/README.md}"
templates="${3:-$root/templates}"

if [[ ! -x "$formwork" ]]; then
  echo "error: formwork program not found at $formwork (build it, or pass its path)" >&2
  exit 2
fi
if [[ ! -f "$readme" ]]; then
  echo "error: no such file: $readme" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$readme" "$work/readme"

status=0
shopt -s nullglob
for template in "$templates"/*.yaml; do
  stack="$(basename "$template" .yaml)"
  begin="<!-- graph:$stack -->"
  end="<!-- /graph:$stack -->"
  if ! grep -qxF -- "$begin" "$work/readme" || ! grep -qxF -- "$end" "$work/readme"; then
    echo "error: $readme has no '$begin' … '$end' markers for $template" >&2
    status=1
    continue
  fi
  "$formwork" graph "$template" > "$work/diagram"
  awk -v begin="$begin" -v end="$end" -v diagram="$work/diagram" '
    $0 == begin {
      print
      print "```mermaid"
      while ((getline line < diagram) > 0) print line
      close(diagram)
      print "```"
      skipping = 1
      next
    }
    $0 == end { skipping = 0 }
    !skipping { print }
  ' "$work/readme" > "$work/next"
  mv "$work/next" "$work/readme"
done

if ! cmp -s "$work/readme" "$readme"; then
  # Same folder, then rename: the README is never left half-written.
  tmp="$(mktemp "$(dirname "$readme")/.README.XXXXXX")"
  cat "$work/readme" > "$tmp"
  chmod --reference="$readme" "$tmp"
  mv "$tmp" "$readme"
  echo "updated $readme"
fi
exit "$status"
