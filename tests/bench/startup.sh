#!/usr/bin/env bash
# Start time and idle memory of one GUI program, measured from outside (run under Xvfb by run.sh).
# Usage: startup.sh RUNS TITLE_REGEX PROGRAM [ARGS...]
# Prints: "<median ms to window viewable> <median idle VmRSS kB> <median idle anonymous kB>
#          <failed starts> <all start times>"
# Anonymous memory (smaps_rollup) is the program's own heap and stacks; the rest of RSS is mostly
# the code pages of the libraries it loads, which other Qt programs on a desktop share.
#
# Start time = from just before exec to the moment X reports the program's top-level window
# (found by title in `xwininfo -root -tree`) as IsViewable, polled every few ms. It is the same
# external method for golive and the baselines, so the comparison is fair; it measures "window
# mapped", which Qt does right before the first paint, not the paint itself.
set -u
runs=$1 title=$2
shift 2

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

times=() rss=() anon=() failed=0
errors=$(mktemp)
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$errors" &
  pid=$!
  shown=""
  for ((poll = 0; poll < 3000; poll++)); do
    # Qt also creates small helper windows with the application's name: check each match.
    for id in $(xwininfo -root -tree 2>/dev/null | grep -E "\"($title)\"" | awk '{print $1}'); do
      if xwininfo -id "$id" 2>/dev/null | grep -q IsViewable; then
        shown=$(date +%s%N)
        break 2
      fi
    done
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.002
  done
  if [[ -z $shown ]]; then
    # A start that died or never showed a window is counted and retried (at most 3 times).
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "start of $1 failed: $(tail -c 300 "$errors" | tr '\n' ' ')" >&2
    if ((++failed > 3)); then
      rm -f "$errors"
      exit 1
    fi
    ((i--))
    continue
  fi
  times+=($(((shown - start) / 1000000)))
  sleep 3 # idle
  rss+=($(awk '/VmRSS/ {print $2}' /proc/$pid/status))
  anon+=($(awk '/^Anonymous:/ {print $2}' /proc/$pid/smaps_rollup))
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
rm -f "$errors"
echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)" \
  "$(printf '%s\n' "${anon[@]}" | median) $failed ${times[*]}"
