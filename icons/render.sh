#!/usr/bin/env bash
# Renders every PNG in this folder from its SVG source (needs rsvg-convert: apt-get install librsvg2-bin).
# The app icon comes from topograph.svg at 32 px and up; 16 and 24 px have their own pixel-grid
# sources, because the kind dots and thin lines of the full mark turn to mush below 32 px.
set -euo pipefail
cd "$(dirname "$0")"
rsvg-convert -w 16 -h 16 topograph-16.svg -o topograph-16.png
rsvg-convert -w 24 -h 24 topograph-24.svg -o topograph-24.png
for size in 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" topograph.svg -o "topograph-$size.png"
done
for kind in service gateway queue cache database; do
  rsvg-convert -w 64 -h 64 "node-$kind.svg" -o "node-$kind-64.png"
done
