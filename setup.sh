#!/usr/bin/env bash
# Install everything teipipe needs on a fresh Debian machine, then the package itself (editable,
# with the test extras). System tools come from apt-get only where they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
command -v fop >/dev/null || missing+=(fop)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python -m pip install -q --disable-pip-version-check -e '.[test]'
