#!/usr/bin/env bash
# deps.sh checks for what Atelier's build needs on Debian/Ubuntu and installs
# whatever system package is missing.
#
#   scripts/deps.sh [EXTRA-DEBIAN-PACKAGE...]
#
# Fyne draws through OpenGL and GLFW, which are C code built by cgo: that
# needs a C compiler, pkg-config and the OpenGL, X11 and xkbcommon headers.
# Each requirement is checked with dpkg (or pkg-config where that is
# meaningful); only the missing packages are installed, with apt-get, when
# this runs as root or with passwordless sudo. Otherwise it prints the exact
# command to run and fails. It prints nothing when everything is present.
#
# The tests need Chromium too: the verifier page's tests drive Debian's
# chromium headless (they skip without it outside CI, and fail in CI);
# Mailpit, installed with go install (below); and gnome-keyring with
# dbus-run-session (dbus-bin): the keychain test runs a Secret Service in
# a D-Bus session of its own.
#
# Extra package names given as arguments (for instance xvfb in CI, or the
# MinGW-w64 cross compiler and xz for `make package`) are checked and
# installed the same way.
set -euo pipefail

# is_installed PKG: true if dpkg reports PKG as installed.
is_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

# has_pc MODULE...: true if pkg-config knows every module.
has_pc() {
	command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$@" 2>/dev/null
}

# need PKG: true if PKG (a requirement named by its Debian package) is missing.
need() {
	case "$1" in
	gcc) command -v gcc >/dev/null 2>&1 && return 1 ;;
	pkg-config) command -v pkg-config >/dev/null 2>&1 && return 1 ;;
	libgl1-mesa-dev) has_pc gl && return 1 ;;
	xorg-dev) has_pc x11 xcursor xrandr xinerama xi xxf86vm && return 1 ;;
	libxkbcommon-dev) has_pc xkbcommon && return 1 ;;
	gcc-mingw-w64-x86-64) command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 && return 1 ;;
	xz-utils) command -v xz >/dev/null 2>&1 && return 1 ;;
	chromium) command -v chromium >/dev/null 2>&1 && return 1 ;;
	esac
	! is_installed "$1"
}

# Go itself is not installed from apt: Debian 12's Go is older than go.mod
# asks for.
if ! command -v go >/dev/null 2>&1; then
	if [ -x /usr/local/go/bin/go ]; then
		echo "deps: Go is installed in /usr/local/go but is not on PATH; run:" >&2
		echo "    export PATH=\"/usr/local/go/bin:\$PATH\"" >&2
	else
		echo "deps: Go is not installed. Install Go $(sed -n 's/^go //p' go.mod 2>/dev/null || echo 1.26) or newer from https://go.dev/dl/" >&2
		echo "      (unpack it into /usr/local/go and add /usr/local/go/bin to PATH)." >&2
	fi
	exit 1
fi

# Mailpit is the real SMTP server the outbox's tests and benchmark send to
# (on 127.0.0.1 only). It is a Go program, installed with go install into
# Go's bin folder, where the tests look for it too; they skip without it,
# except in CI, where they fail.
MAILPIT_VERSION=v1.33.1 # keep in step with mail/mailtest.Version
if ! command -v mailpit >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/mailpit" ]; then
	echo "deps: installing mailpit $MAILPIT_VERSION (go install github.com/axllent/mailpit)"
	go install "github.com/axllent/mailpit@$MAILPIT_VERSION"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: this is not a Debian-based system; install the equivalents of" >&2
	echo "      gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev" >&2
	echo "      (see https://docs.fyne.io/started/) and run 'make build' again." >&2
	exit 1
fi

required=(gcc libc6-dev pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev chromium gnome-keyring dbus-bin "$@")
missing=()
for pkg in "${required[@]}"; do
	if need "$pkg"; then
		missing+=("$pkg")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo=(sudo -n)
else
	echo "deps: missing system packages: ${missing[*]}" >&2
	echo "deps: install them with:" >&2
	echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o DPkg::Lock::Timeout=300)
"${sudo[@]}" apt-get "${apt_opts[@]}" update >/dev/null
"${sudo[@]}" apt-get "${apt_opts[@]}" install -y "${missing[@]}"

still=()
for pkg in "${missing[@]}"; do
	if need "$pkg"; then
		still+=("$pkg")
	fi
done
if [ ${#still[@]} -ne 0 ]; then
	echo "deps: still missing after apt-get install: ${still[*]}" >&2
	exit 1
fi
