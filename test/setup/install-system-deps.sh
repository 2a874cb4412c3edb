#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when something is missing:
#   chromium      the browser Playwright drives (never downloaded by Playwright itself)
#   socat         virtual serial ports (PTY pairs) for the printer simulator
#   libusb-1.0-0  run-time library of node-hid's Linux prebuilds
#   hledger, hledger-web  the local accounting ledger peer for the uploader's contract tests
#   poppler-utils pdftotext, to read back the text of the PDF reports the till writes
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
ldconfig -p 2>/dev/null | grep -q 'libusb-1.0.so.0' || missing+=(libusb-1.0-0)
command -v hledger >/dev/null 2>&1 || missing+=(hledger)
command -v hledger-web >/dev/null 2>&1 || missing+=(hledger-web)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

echo "system packages: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
