#!/usr/bin/env bash
# CPU time one GUI program uses over a window, measured from outside (run under Xvfb by run.sh).
# Usage: idle-cpu.sh WARMUP_S SECONDS PROGRAM [ARGS...]
# Prints: "<cpu seconds used in the window> <VmRSS kB at its end>"
set -u
warmup=$1 seconds=$2
shift 2
"$@" >/dev/null 2>&1 &
pid=$!
cpu() { # utime + stime in seconds; the fields after the ")" that ends the command name
  awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); print ($12 + $13) / hz}' "/proc/$pid/stat"
}
sleep "$warmup"
kill -0 "$pid" 2>/dev/null || { echo "$1 exited during warm-up" >&2; exit 1; }
before=$(cpu)
sleep "$seconds"
after=$(cpu)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
python3 -c "print('%.3f' % ($after - $before), $rss)"
