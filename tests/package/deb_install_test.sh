#!/usr/bin/env bash
# The .deb as a user gets it: made by CPack from the build tree (nothing rebuilt: the man
# page and both binaries are part of `all`), its control fields read, unpacked into a
# scratch root without root rights (dpkg-deb -x), and the unpacked ringside run on the
# unpacked example scenarios, on the virtual speaker and on the unpacked board emulator.
#
#   deb_install_test.sh CPACK CPACK_CONFIG VERSION SCRATCH
set -euo pipefail
cpack=$1 config=$2 version=$3 work=$4
fail() { echo "package test: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
"$cpack" --config "$config" -G DEB -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$work/ringside_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { ls "$work"; fail "no $deb"; }
echo "package: $deb, $(stat -c %s "$deb") bytes"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = ringside ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
[ "$(field Section)" = devel ] || fail "Section: $(field Section)"
[[ "$(field Maintainer)" =~ ^.+\ \<.+@.+\>$ ]] || fail "Maintainer: '$(field Maintainer)'"
[ -n "$(field Description)" ] || fail "no Description"
# dpkg-shlibdeps ran: the C++ runtime and the libraries the binaries link are named.
depends=$(field Depends)
for p in libc6 libstdc++6 libssl3 libyaml-cpp fonts-dejavu-core; do
  [[ "$depends" == *"$p"* ]] || fail "Depends lacks $p: $depends"
done

# Nothing of the tests: no test executables, fake boards or build files.
if dpkg-deb -c "$deb" | grep -E 'tests?_|fake_board|CMakeLists\.txt|/tests/|/build'; then
  fail "test-only or build files in the package (above)"
fi

root=$work/root
dpkg-deb -x "$deb" "$root"
for f in usr/bin/ringside usr/bin/ringside-board-emulator; do
  [ -x "$root/$f" ] || fail "no executable /$f"
done
for f in usr/share/ringside/schema/scenario.schema.json usr/share/doc/ringside/README.md \
         usr/share/doc/ringside/scenarios.md usr/share/man/man1/ringside.1.gz; do
  [ -s "$root/$f" ] || fail "no /$f"
done
zcat "$root/usr/share/man/man1/ringside.1.gz" | grep -q '^\.TH RINGSIDE "1"' || fail "ringside.1.gz is not a man page"
# The scenarios' editor hint ($schema=../../schema/scenario.schema.json) finds the schema.
hint=$(head -1 "$root/usr/share/ringside/scenarios/sign_in/first_time_setup_and_sign_in.yaml" | sed -n 's/.*\$schema=//p')
[ -s "$root/usr/share/ringside/scenarios/sign_in/$hint" ] || fail "the scenarios' \$schema hint '$hint' does not resolve"

# Away from the source tree, so nothing is found relative to the working directory.
cd "$work"
build_id='\(build ([0-9a-f]{7,}(-dirty)?|unknown)\)'
for exe in ringside ringside-board-emulator; do
  line=$("$root/usr/bin/$exe" --version) || fail "$exe --version exited $?"
  echo "$line"
  [[ "$line" =~ ^$exe\ ${version//./\\.}\ $build_id$ ]] || fail "$exe --version: '$line'"
done

# Every example but the 10,000-speaker fleets (herd), which take seconds each.
"$root/usr/bin/ringside" run "$root/usr/share/ringside/scenarios" --skip-tag herd >"$work/run.log" 2>&1 ||
  { cat "$work/run.log"; fail "ringside run on the installed scenarios exited $?"; }
summary=$(tail -1 "$work/run.log")
echo "$summary"
[[ "$summary" =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || { cat "$work/run.log"; fail "no pass line"; }

# On the board emulator: the installed one, found beside the installed ringside. It is
# wrapped to leave a mark, as the build tree's emulator would pass the scenario as well.
emulator=$root/usr/bin/ringside-board-emulator
mv "$emulator" "$emulator.real"
printf '#!/bin/sh\ntouch "%s/emulator-used"\nexec "%s.real" "$@"\n' "$work" "$emulator" >"$emulator"
chmod +x "$emulator"
scenario=$root/usr/share/ringside/scenarios/sign_in/first_time_setup_and_sign_in.yaml
env -u RINGSIDE_BOARD_EMULATOR "$root/usr/bin/ringside" run "$scenario" --target hil --port emulator >"$work/hil.log" 2>&1 ||
  { cat "$work/hil.log"; fail "ringside run --target hil --port emulator exited $?"; }
cat "$work/hil.log"
grep -q '^PASS ' "$work/hil.log" || fail "no PASS line on the emulator"
[ -f "$work/emulator-used" ] || fail "the installed ringside did not start the installed board emulator"
echo "package test: passed"
