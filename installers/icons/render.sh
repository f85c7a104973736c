#!/usr/bin/env bash
# Renders rag-workbench.svg into the files the installers use; the renderings are committed, so only run this
# after changing the SVG. Needs rsvg-convert (librsvg2-bin), ImageMagick and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for s in 16 32 48 64 128 256 512 1024; do rsvg-convert -w "$s" -h "$s" rag-workbench.svg -o "$tmp/$s.png"; done
cp "$tmp/512.png" rag-workbench.png                                   # Linux (jpackage --icon, desktop entry)
convert "$tmp"/{16,32,48,64,128,256}.png rag-workbench.ico           # Windows
png2icns rag-workbench.icns "$tmp"/{16,32,128,256,512,1024}.png >/dev/null   # macOS
