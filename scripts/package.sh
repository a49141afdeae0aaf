#!/usr/bin/env bash
# package.sh: installable builds of Atelier in dist/.
#
#   scripts/package.sh FYNE-TOOL [linux] [windows]
#
# FYNE-TOOL is the fyne command from fyne.io/tools (the Makefile installs it
# into .bin/). With no target, both are built:
#
#   dist/atelier-VERSION-linux-ARCH.tar.xz
#       `fyne package --os linux`: the binary, a desktop entry built from
#       FyneApp.toml's [LinuxAndBSD] section, the icon, and a Makefile with
#       install and user-install targets.
#   dist/atelier-VERSION-windows-amd64.exe
#       `fyne package --os windows`, cross-compiled with Debian's MinGW-w64
#       (CC=x86_64-w64-mingw32-gcc): a GUI-subsystem executable whose
#       resources hold the icon (drawn at 256×256 by scripts/icongen), a
#       manifest and the version information.
#
# Both are release builds (stripped, -trimpath, the release tag), and the
# fyne tool adds the migrated_fynedo tag because FyneApp.toml opts into the
# fyneDo migration; no_emoji is passed as `make build` passes it (see the
# Makefile). After building, scripts/pecheck checks the Windows file:
# a PE32+ GUI executable for x86-64 with the icon, a manifest and version
# VERSION.BUILD in its resources, or this fails.
#
# fyne package works inside the source folder: it adds a generated Go file
# for the metadata, writes fyne.syso for Windows (which any Linux build in
# the folder would then try to link), leaves binaries there, and increments
# Build in FyneApp.toml, rewriting it without its comments. So it runs on a
# copy of the sources in a temporary folder, and only the packages come out.
set -euo pipefail

fyne=${1:?usage: scripts/package.sh FYNE-TOOL [linux] [windows]}
fyne=$(cd "$(dirname "$fyne")" && pwd)/$(basename "$fyne")
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
cd "$(dirname "$0")/.."

# detail KEY: the value of KEY in FyneApp.toml's [Details].
detail() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *\$/\1/p" FyneApp.toml | head -n1; }
name=$(detail Name) version=$(detail Version) build=$(detail Build)
if [ -z "$name" ] || [ -z "$version" ] || [ -z "$build" ]; then
	echo "package: FyneApp.toml needs Name, Version and Build" >&2
	exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/atelier-package.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# stage_sources copies what git would commit (tracked and new files, not
# ignored ones such as dist/, .bin/ or databases) into a fresh folder.
stage_sources() {
	local src=$stage/src
	rm -rf "$src"
	mkdir -p "$src"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard |
			tar -c --null --ignore-failed-read -T - | tar -x -C "$src"
	else
		tar -c --exclude=./.git --exclude=./dist --exclude=./.bin --exclude=./atelier \
			--exclude='./*.db' . | tar -x -C "$src"
	fi
	echo "$src"
}

mkdir -p dist
for target in "${targets[@]}"; do
	case $target in
	linux)
		arch=$(go env GOARCH)
		out=dist/atelier-$version-linux-$arch.tar.xz
		echo "package: building $out"
		src=$(stage_sources)
		(cd "$src" && "$fyne" package --os linux --release --tags no_emoji)
		mv "$src/$name.tar.xz" "$out"
		tar -tJf "$out" >"$stage/contents"
		for want in '/bin/atelier$' '/share/applications/.*\.desktop$' '/share/pixmaps/.*\.png$' '/Makefile$'; do
			grep -q "$want" "$stage/contents" || { echo "package: $out lacks $want" >&2; exit 1; }
		done
		;;
	windows)
		out=dist/atelier-$version-windows-amd64.exe
		echo "package: building $out"
		src=$(stage_sources)
		# The icon group holds one PNG; Windows icons are at most 256×256,
		# and the 512×512 assets/icon.png would be stored as it is.
		go run ./scripts/icongen -size 256 -o "$stage/icon-256.png"
		(cd "$src" && CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOARCH=amd64 \
			"$fyne" package --os windows --release --tags no_emoji --icon "$stage/icon-256.png")
		mv "$src/$name.exe" "$out"
		go run ./scripts/pecheck --version "$version.$build" "$out"
		;;
	*)
		echo "package: unknown target $target (linux or windows)" >&2
		exit 2
		;;
	esac
	ls -l "$out"
done
