#!/usr/bin/env bash
# smoke.sh: start the real program in a virtual X screen and check that it
# draws its window and closes cleanly.
#
#   scripts/smoke.sh BINARY
#
# 1. Puts the demo workshops into a new database (BINARY demo --db FILE).
# 2. Starts Xvfb and BINARY on that database, in English, with its own
#    empty HOME so that no earlier preferences matter.
# 3. Waits for its window to be drawn (scripts/xwindow wait), prints the
#    time from start to window and to first drawn frame (cold start), and
#    keeps the screenshot. Fails if no window appears, if the window stays
#    blank (nearly all one colour), if the program exits first, or if the
#    window's class is not the one the desktop entry names.
# 4. Closes the window as the close button would (a WM_DELETE_WINDOW
#    message; scripts/xwindow close) and fails unless the program exits
#    with status 0 within SMOKE_EXIT_TIMEOUT seconds.
# 5. Fails if the program wrote any error, panic or warning (one known race
#    inside Fyne excepted: see problems below), if SQLite's
#    write-ahead log was left behind (the store was not closed), or if the
#    database fails its integrity check or lost rows (scripts/dbcheck).
#
# Without Xvfb it says so and succeeds, except in CI (CI set), where .ci/run
# installs Xvfb and a skip would hide a broken set-up.
#
# The work folder (database, log, screenshot) is removed on success and kept
# on failure; set SMOKE_KEEP=1 to keep it always. SMOKE_TIMEOUT (seconds,
# default 20) bounds the wait for the window, SMOKE_EXIT_TIMEOUT (default 15)
# the wait for the program to exit once asked to close; if it has not, the
# threads' states and Go's stack dump (SIGQUIT) are printed.
set -euo pipefail

bin=${1:?usage: scripts/smoke.sh BINARY}
[ -x "$bin" ] || { echo "smoke: $bin: no such program (make build makes ./atelier)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$(dirname "$0")/.."

if ! command -v Xvfb >/dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		echo "smoke: Xvfb is not installed (make deps EXTRA_DEPS=xvfb installs it)" >&2
		exit 1
	fi
	echo "smoke: SKIPPED, Xvfb is not installed (make deps EXTRA_DEPS=xvfb installs it)"
	exit 0
fi

timeout_s=${SMOKE_TIMEOUT:-20}
# Closing syncs the database and Fyne's preferences to disk; it takes about
# 0.1 s, and the limit leaves room for a busy CI machine.
exit_s=${SMOKE_EXIT_TIMEOUT:-15}
work=$(mktemp -d "${TMPDIR:-/tmp}/atelier-smoke.XXXXXX")
xpid="" apid="" ok=""

finish() {
	# Only what this script started, by process id.
	if [ -n "$apid" ] && kill -0 "$apid" 2>/dev/null; then kill "$apid" 2>/dev/null || true; fi
	if [ -n "$xpid" ] && kill -0 "$xpid" 2>/dev/null; then kill "$xpid" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	if [ -n "$ok" ] && [ -z "${SMOKE_KEEP:-}" ]; then
		rm -rf "$work"
	else
		echo "smoke: database, log and screenshot kept in $work"
	fi
}
trap finish EXIT

die() {
	echo "smoke: FAILED: $*" >&2
	if [ -s "$work/atelier.log" ]; then
		echo "smoke: the program's output:" >&2
		sed 's/^/    /' "$work/atelier.log" >&2
	fi
	exit 1
}

# running PID: true while PID has not exited (a zombie has exited). It
# reads /proc once and without a subshell: the shell reaps an exited child
# whenever a subshell ends, and the process's /proc entry goes with it.
running() {
	local stat
	{ read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
	stat=${stat##*) }
	[ -n "$stat" ] && [ "${stat:0:1}" != Z ]
}

# problems LOG: the lines of LOG that report an error, a panic or a warning,
# except for one race inside Fyne 2.7: it watches its preferences file and
# can read it while it is writing it (at the latest on quitting), and then
# logs "Preferences load error:" with the cause "EOF" (fyne-io/fyne#2936).
problems() {
	awk '
		/Fyne error: +Preferences load error:$/ { held = $0; next }
		held != "" && /Cause: EOF$/ { held = ""; next }
		held != "" { print held; held = "" }
		tolower($0) ~ /error|panic|fatal|warning/ { print }
		END { if (held != "") print held }
	' "$1"
}

# ms_since NANOSECONDS: milliseconds from then to now.
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

go build -o "$work/xwindow" ./scripts/xwindow
go build -o "$work/dbcheck" ./scripts/dbcheck

# Fyne reads the locale from LC_ALL, LC_MESSAGES or LANG and logs an error
# for "C", as CI machines often have; a real desktop session has a real one.
# The empty HOME keeps earlier preferences (and the user's) out of it.
mkdir -p "$work/home"
in_session=(env -u LC_ALL -u LC_MESSAGES LANG=en_GB.UTF-8 HOME="$work/home"
	XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share")

db=$work/demo.db
"${in_session[@]}" "$bin" demo --db "$db" >/dev/null || die "could not write the demo database"
before=$("$work/dbcheck" "$db")

# -displayfd makes Xvfb pick a free display and say which once it accepts
# connections, so runs side by side do not collide and the wait is as
# short as it can be.
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xpid=$!
for _ in $(seq 100); do
	[ -s "$work/display" ] && break
	kill -0 "$xpid" 2>/dev/null || die "Xvfb did not start: $(cat "$work/xvfb.log")"
	sleep 0.1
done
[ -s "$work/display" ] || die "Xvfb did not report a display within 10 s"
export DISPLAY=:$(head -n1 "$work/display")

# The floor: a bare Fyne window (scripts/barewindow), built with the same
# tags and started the same way on the same screen. The issue's target is
# Atelier's first frame within 1.3 times the bare one's; printed, not
# enforced: a timing on a shared machine is no test. Both are timed alike:
# - after one unmeasured start, since the first Fyne program in a new HOME
#   indexes the system's fonts ($HOME/.cache/font_index_*.cache) and has
#   Mesa compile its shaders ($HOME/.cache/mesa_shader_cache);
# - each alone on the screen: a window started beside another one is drawn
#   some 30 ms sooner, which the floor had, timed while Atelier was up.
go build -tags "${GOTAGS:-migrated_fynedo no_emoji}" -o "$work/barewindow" ./scripts/barewindow
for run in warmup bare; do
	bstart=$(date +%s%N)
	"${in_session[@]}" "$work/barewindow" >"$work/$run.log" 2>&1 &
	bpid=$!
	"$work/xwindow" wait --pid "$bpid" --since "$bstart" --timeout "${timeout_s}s" >"$work/$run" ||
		echo "smoke: note: the bare Fyne window was not drawn ($run)"
	kill "$bpid" 2>/dev/null || true
	wait "$bpid" 2>/dev/null || true
done
sleep 0.5 # the bare window gone from the screen

start=$(date +%s%N)
"${in_session[@]}" "$bin" --db "$db" >"$work/atelier.log" 2>&1 &
apid=$!

"$work/xwindow" wait --pid "$apid" --since "$start" --timeout "${timeout_s}s" --shot "$work/shot.png" \
	>"$work/window" || die "the program's window was not drawn"
sed 's/^/smoke: /' "$work/window"

# Desktops tie a window to its launcher by WM_CLASS, which the desktop entry
# in the Linux package names (StartupWMClass, the Name in FyneApp.toml).
# GLFW sets it from the window's title when the window is first shown.
name=$(sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml | head -n1)
class=$(sed -n 's/^window class: //p' "$work/window")
[ "$class" = "$name" ] ||
	die "the window's class is \"$class\", not \"$name\" as the desktop entry expects: show the window titled \"$name\" and give it the file's name afterwards"

ours=$(sed -n 's/.*first drawn frame after \([0-9]*\) ms.*/\1/p' "$work/window")
bare=$(sed -n 's/.*first drawn frame after \([0-9]*\) ms.*/\1/p' "$work/bare")
sed -n 's/^cold start:/smoke: bare Fyne window, cold start:/p' "$work/bare"
if [ -n "$ours" ] && [ -n "$bare" ] && [ "$bare" -gt 0 ]; then
	echo "smoke: first frame $ours ms against the bare window's $bare ms: $(awk -v a="$ours" -v b="$bare" 'BEGIN { printf "%.2f", a / b }')× (target at most 1.3×)"
else
	echo "smoke: note: no floor this run"
fi

closing=$(date +%s%N)
"$work/xwindow" close --pid "$apid" || die "could not ask the window to close"
deadline=$((closing + exit_s * 1000000000))
while running "$apid" && [ "$(date +%s%N)" -lt "$deadline" ]; do
	sleep 0.05
done
if running "$apid"; then
	# Where it is stuck: each thread's kernel state, then Go's stack dump
	# (SIGQUIT makes the Go runtime print every goroutine and exit).
	for task in /proc/"$apid"/task/*; do
		echo "    thread ${task##*/}: $(sed 's/.*) //' "$task/stat" | cut -c1) $(cat "$task/wchan" 2>/dev/null)"
	done >&2
	kill -QUIT "$apid" 2>/dev/null || true
	sleep 1
	die "the program was still running ${exit_s} s after its window was asked to close"
fi
code=0
wait "$apid" || code=$?
apid=""
echo "smoke: the program exited $(ms_since "$closing") ms after its window was asked to close"
[ "$code" -eq 0 ] || die "the program exited with status $code after its window was closed"

[ -z "$(problems "$work/atelier.log")" ] || die "the program reported a problem"
if grep -q 'Preferences load error:$' "$work/atelier.log"; then
	echo "smoke: note: Fyne read its preferences file while writing it (fyne-io/fyne#2936); not counted"
fi
[ ! -e "$db-wal" ] || die "the database's write-ahead log was left behind: the store was not closed"
after=$("$work/dbcheck" "$db") || die "the database is damaged"
[ "$before" = "$after" ] || die "the database changed: before: $before; after: $after"
echo "smoke: database $after"

ok=yes
echo "smoke: passed"
