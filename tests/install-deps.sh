#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Install the Debian packages that building and testing myld needs, if
# any are missing: the native x86_64 suite's, and the aarch64 suite's (a
# cross compiler, the aarch64 glibc for the reference loader, qemu-user,
# the arm64 build of Check for the unit tests, and Debian's arm64 glibc
# with its debug information for the glibc personality, which need the
# arm64 architecture enabled in dpkg, as do the arm64 package lists the
# aarch64 glibc suite downloads programs from).  Run as root on Debian 12; prints nothing
# and changes nothing when all are present.
# usage: tests/install-deps.sh [extra-package...]
set -eu

packages="meson ninja-build gcc g++ libc6-dev libc6-dbg binutils lld clang check pkg-config
python3 chromium patchelf systemtap-sdt-dev gdb gdb-multiarch valgrind musl-tools libclang-rt-14-dev
gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
check:arm64 libsubunit-dev:arm64 systemtap-sdt-dev:arm64 libc6:arm64 libc6-dbg:arm64 $*"

# One dpkg-query for all of them (it reads dpkg's whole database each time).
# It names a Multi-Arch: same package with its architecture (libc6:amd64),
# others without (gcc): a name without one is there under either spelling.
native=$(dpkg --print-architecture)
# shellcheck disable=SC2086
installed=" $(dpkg-query -W -f='${binary:Package} ${db:Status-Abbrev}\n' \
	$packages 2>/dev/null | awk '$2 ~ /^.i$/ { print $1 }' | tr '\n' ' ') "
missing=
for p in $packages; do
	case $p in
	*:*) names=$p ;;
	*) names="$p $p:$native" ;;
	esac
	found=
	for n in $names; do
		case $installed in *" $n "*) found=1 ;; esac
	done
	[ -n "$found" ] || missing="$missing $p"
done
# The aarch64 glibc suite downloads Debian's arm64 coreutils, python3,
# perl... (tests/foreign_root.py, apt-get download, at test time): that
# needs the arm64 package lists, which a trimmed image may lack.
lists=
apt-cache show coreutils:arm64 >/dev/null 2>&1 || lists=" (arm64 package lists)"
[ -n "$missing$lists" ] || exit 0

echo "installing:$missing$lists"
case " $missing " in
*:arm64\ *)
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		dpkg --add-architecture arm64
	;;
esac
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
[ -z "$missing" ] || apt-get install -y -q --no-install-recommends $missing
