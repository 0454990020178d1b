#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Install the Debian packages that building and testing myld needs, if
# any are missing.  Run as root on Debian 12; does nothing when all are
# present.  usage: tests/install-deps.sh [extra-package...]
set -eu

packages="meson ninja-build gcc libc6-dev binutils lld clang check pkg-config
python3 patchelf $*"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi
