#!/usr/bin/env bash
# Checks the Linux installer end to end, as a user would meet it (needs root and apt, e.g. CI or a Debian box):
#  1. builds the .deb (mvn -Pinstaller -Dinstaller.types=deb);
#  2. installs it with `apt-get install ./…deb`, which pulls in its declared dependencies;
#  3. checks every native library of the installed app (the JDK's, and JavaFX's, onnxruntime's and the
#     tokenizers' inside their jars) links only to libraries from packages the .deb depends on;
#  4. starts the app as its desktop entry does (Exec) under Xvfb with an empty HOME, waits for the "RAG Workbench" window, takes a
#     screenshot, checks the default workspace and the log file were created, closes the app; repeats the start
#     to time it (first start creates the workspace; later ones open it);
#  5. uninstalls the package.
# Output (screenshot, app logs, timings) in target/installer-check/. Exit status non-zero on any failure.
#   CHECK_DEB_SKIP_BUILD=1  reuse target/installer/*.deb      CHECK_DEB_RUNS=N  starts to time (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="$root/target/installer-check"
rm -rf "$out"; mkdir -p "$out"
started=$SECONDS
say() { printf '[check-deb] %s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
  if [ -z "${JAVA_HOME:-}" ] && [ -x "$jdk/bin/java" ]; then export JAVA_HOME="$jdk"; fi
done

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
command -v readelf >/dev/null || missing+=(binutils)
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v unzip >/dev/null || missing+=(unzip)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 1. Build. The check compresses with zstd (dpkg 1.21.18+): xz takes ~4 minutes on 270 MB of mostly compressed
#    jars; the content is the same as the release .deb's, which keeps dpkg's default xz for older systems.
if [ "${CHECK_DEB_SKIP_BUILD:-0}" != 1 ]; then
  say "building the .deb"
  DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-zstd}" \
    mvn -B -q -Pinstaller -DskipTests -Dinstaller.types=deb package > "$out/build.log" 2>&1 \
    || { tail -40 "$out/build.log"; fail "build"; }
fi
deb="$(ls "$root"/target/installer/rag-workbench_*.deb | head -n 1)"
say "$(basename "$deb"): $(awk -v b="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f", b / 1e6 }') MB (built in $((SECONDS - started)) s)"
[ "$(stat -c %s "$deb")" -lt 200000000 ] || fail ".deb is 200 MB or more"

# 2. Install through apt, which resolves the declared dependencies.
app=/opt/rag-workbench
xvfb_pid=""; app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if dpkg -s rag-workbench >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq rag-workbench >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
dpkg -s rag-workbench >/dev/null 2>&1 && apt-get remove -y -qq rag-workbench >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$out/apt-install.log" 2>&1 \
  || { cat "$out/apt-install.log"; fail "apt-get install"; }
[ -x "$app/bin/rag-workbench" ] || fail "$app/bin/rag-workbench missing"
desktop="$(ls /usr/share/applications/*rag-workbench*.desktop 2>/dev/null | head -n 1)"
[ -n "$desktop" ] || fail "no desktop entry"
grep -q '^Name=RAG Workbench$' "$desktop" || fail "desktop entry has no Name=RAG Workbench"
icon="$(sed -n 's/^Icon=//p' "$desktop")"; [ -f "$icon" ] || fail "desktop entry's icon $icon missing"
say "installed in $app; desktop entry $desktop"

# 3. Every library a native file needs comes from a package in the .deb's dependency closure.
natives="$out/natives"; mkdir -p "$natives"
for jar in "$app"/lib/app/lib/javafx-*-linux.jar "$app"/lib/app/lib/onnxruntime-*.jar "$app"/lib/app/lib/tokenizers-*.jar; do
  unzip -l "$jar" '*.so' >/dev/null 2>&1 || continue   # javafx-base and -controls carry no natives
  unzip -q -o "$jar" '*.so' -d "$natives/$(basename "$jar" .jar)"
done
closure="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances rag-workbench 2>/dev/null | grep -v '^ ' | sed 's/:amd64$//' | sort -u)"
ldcache="$(ldconfig -p)"
unowned=()
while read -r so; do
  for lib in $(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path="$(awk -v n="$lib" '$1 == n && !found { print $NF; found = 1 }' <<<"$ldcache")"
    if [ -z "$path" ]; then  # not a system library: it must ship with the app (the JDK's own, libonnxruntime.so.1)
      # (onnxruntime ships libonnxruntime.so.1 as libonnxruntime.so and loads it before its JNI library)
      [ -n "$(find "$app" "$natives" \( -name "$lib" -o -name "${lib%.so.*}.so" \) -print -quit)" ] \
        || unowned+=("$lib (not found) <- $so")
      continue
    fi
    pkg="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true)"
    pkg="${pkg%%:*}"
    grep -qx "$pkg" <<<"$closure" || unowned+=("$lib from '${pkg:-no package}' <- $so")
  done
done < <(find "$app" "$natives" -name '*.so*' -type f)
if [ ${#unowned[@]} -gt 0 ]; then printf '  %s\n' "${unowned[@]}" | sort -u; fail "libraries outside the declared dependencies"; fi
say "every native library's dependencies are declared"

# 4. Start the installed app as a new user would, under a virtual X server.
home="$(mktemp -d)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$out/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$out/display")"

window_cmd="$(sed -n 's/^Exec=//p' "$desktop")"
[ -x "${window_cmd%% *}" ] || fail "the desktop entry's Exec ($window_cmd) is not an installed program"
start_app() { # $1 = run number; sets app_pid, wid (the window) and secs (launch to window shown)
  local t0 t1
  wid=""
  t0=$(date +%s%N)
  # Java takes user.home from the passwd entry, not $HOME: the property points it at the fresh home too.
  # Started as the desktop entry starts it (a double-click): its Exec line, the window's launcher script.
  HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" $window_cmd >"$out/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1200); do
    wid="$(xdotool search --onlyvisible --name '^RAG Workbench' 2>/dev/null | head -n 1 || true)"
    [ -n "$wid" ] && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$out/app-$1.log"; fail "the app exited before showing a window"; }
    sleep 0.05
  done
  [ -n "$wid" ] || { cat "$out/app-$1.log"; fail "no window within 60 s"; }
  t1=$(date +%s%N)
  secs="$(awk -v ns="$((t1 - t0))" 'BEGIN { printf "%.2f", ns / 1e9 }')"
}
stop_app() { # closes the window like a user (WM_DELETE_WINDOW), then waits for the process
  xdotool search --name '^RAG Workbench' windowquit >/dev/null 2>&1 || kill -TERM "$app_pid" 2>/dev/null || true
  # the first start writes its AOT cache as it exits, which takes some seconds more
  for _ in $(seq 600); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$app_pid" 2>/dev/null; then say "the app did not quit on close; killing it"; kill -9 "$app_pid"; fi
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

runs="${CHECK_DEB_RUNS:-3}"
for run in $(seq "$runs"); do
  start_app "$run"
  title="$(xdotool getwindowname "$wid")"
  say "run $run: window '$title' after ${secs} s"
  echo "$run $secs" >> "$out/startup-times.txt"
  if [ "$run" = 1 ]; then
    sleep "${CHECK_DEB_SETTLE:-8}"   # let the first start seed and index the sample corpus
    import -window root "$out/screenshot.png"
    ws="$home/.local/share/RAGWorkbench"
    [ -d "$ws" ] && [ -n "$(ls -A "$ws")" ] || fail "no default workspace in $ws"
    say "workspace: $ws ($(du -sh "$ws" | cut -f1))"
  fi
  stop_app
  if [ "$run" = 1 ]; then
    aot="$(ls "$home"/.cache/RAGWorkbench/*.aot 2>/dev/null | head -n 1)"
    [ -n "$aot" ] || fail "the first start wrote no AOT cache in $home/.cache/RAGWorkbench"
    say "AOT cache: $(basename "$aot") ($(du -m "$aot" | cut -f1) MB)"
  fi
done
log="$home/.local/state/RAGWorkbench/logs/rag-workbench.log"
[ -f "$log" ] || fail "no log file at $log"
cp "$log" "$out/rag-workbench.log"
if grep -E 'UnsatisfiedLinkError|NoClassDefFoundError|ClassNotFoundException|ServiceConfigurationError' "$log" "$out"/app-*.log; then
  fail "the installed app is missing a class or a native library"
fi
say "log file: $log ($(wc -l <"$log") lines)"
rm -rf "$home"

# 5. Uninstall.
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq rag-workbench > "$out/apt-remove.log" 2>&1 || fail "apt-get remove"
[ ! -e "$app/bin/rag-workbench" ] || fail "$app still there after removal"
[ ! -e "$desktop" ] || fail "$desktop still there after removal"
dpkg --purge rag-workbench >/dev/null 2>&1 || true   # forget the package's "config-files" state too
say "uninstalled; OK in $((SECONDS - started)) s (screenshot: $out/screenshot.png)"
