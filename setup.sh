#!/usr/bin/env bash
# Install everything teipipe needs on a fresh Debian machine, then the package itself (editable,
# with the test extras). System tools come from apt-get only where they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
command -v fop >/dev/null || missing+=(fop)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# Fonts of the print edition (xslt/fo/fop.xconf): Charis SIL for the text, DejaVu as fallback
[ -d /usr/share/fonts/truetype/charis ] || missing+=(fonts-sil-charis)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing+=(fonts-dejavu-extra)
# Noto for the scripts Charis lacks (Ethiopic, Hebrew, Arabic, ...)
[ -f /usr/share/fonts/truetype/noto/NotoSerifEthiopic-Regular.ttf ] || missing+=(fonts-noto-core)
# Jing: complete RelaxNG reports for `teipipe validate` (it runs /usr/share/java/jing.jar)
[ -f /usr/share/java/jing.jar ] || missing+=(jing)
# trang: RelaxNG compact syntax converted to XML syntax, for libxml2's verdict in a build
command -v trang >/dev/null || missing+=(trang)
# Web edition tests: Chromium for the browser test, npm for the Nu HTML Checker (vnu-jar)
command -v chromium >/dev/null || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

vnu="$(npm root -g)/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$vnu" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo npm install -g --silent --no-fund --no-audit vnu-jar
fi

python -m pip install -q --disable-pip-version-check -e '.[test]'
