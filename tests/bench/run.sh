#!/usr/bin/env bash
# golive's performance budget: builds what it needs in build/ (which must exist) and prints one
# Markdown table with every figure. Not a test: nothing here is registered with ctest.
#   tests/bench/run.sh            (about 4 minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
bench=$build/tests/bench
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ninja -C "$build" golive charts_bench charts_memory baseline_widget baseline_chartview \
  probe_bench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); }

# (a) Charts: 24 h x 5 probes = 432 000 samples.
QT_QPA_PLATFORM=offscreen "$bench/charts_bench" --benchmark_format=json \
  --benchmark_min_time=1 >"$work/charts.json" 2>/dev/null
bm() { # name field -> value in ms (or ns for the append)
  python3 -c "import json,sys; d=json.load(open('$work/charts.json'));
b=[x for x in d['benchmarks'] if x['name']=='$1'][0]; print('%.1f' % b['$2'])"
}
row "First draw of the 24 h view, 5 probes (432 000 samples): decimate + all P50/P95 points + replace + render panel to QImage" \
  "$(bm firstDrawDayAndRender real_time) ms wall, $(bm firstDrawDayAndRender cpu_time) ms CPU" "< 16 ms" "charts_bench"
row "Live redraw of the 24 h view after one new sample per probe: decimate + newest P50/P95 points + replace + render" \
  "$(bm liveRedrawDayAndRender real_time) ms wall, $(bm liveRedrawDayAndRender cpu_time) ms CPU" "< 16 ms" "charts_bench"
row "… of which data only (no render)" \
  "$(bm liveRedrawDayDataOnly real_time) ms wall, $(bm liveRedrawDayDataOnly cpu_time) ms CPU" "" "charts_bench"
row "… min/max decimation alone, uncached (5 × 86 400 samples → 1000 columns)" \
  "$(bm decimateDay real_time) ms wall, $(bm decimateDay cpu_time) ms CPU" "" "charts_bench"
row "… all rolling P50/P95 points, uncached (30 min window, 333 points × 5)" \
  "$(bm percentileLinesDay real_time) ms wall, $(bm percentileLinesDay cpu_time) ms CPU" "" "charts_bench"
row "Append one sample with the three charts listening" \
  "$(bm appendWithChartsListening real_time) ns wall, $(bm appendWithChartsListening cpu_time) ns CPU" \
  "O(1), no series rebuild" "charts_bench"
QT_QPA_PLATFORM=offscreen "$bench/charts_memory" >"$work/mem.txt"
mem() { awk -v k="$1" '$1 == k {print $2}' "$work/mem.txt"; }
row "RSS with charts open: start / after 432 000 samples / after 864 000 (ring full)" \
  "$(mem rss_start_kb) / $(mem rss_after_432000_kb) / $(mem rss_after_864000_kb) kB" \
  "flat after the ring fills" "charts_memory"

# (b) Start to window mapped, and idle memory, under Xvfb: 7 rounds, each starting golive and the
# two baselines one after the other (interleaved, so a busy moment of this shared machine hits all
# three alike); medians. golive gets a fresh data folder each round, as on a first start.
rounds=7
: >"$work/startup.txt"
for ((r = 0; r < rounds; r++)); do
  datadir=$work/golive-data-$r
  mkdir -p "$datadir"
  for program in golive widget chart; do
    case $program in
      golive) args=('.* — golive' "$build/app/golive" --data-dir "$datadir") ;;
      widget) args=('baseline-widget' "$bench/baseline_widget") ;;
      chart) args=('baseline-chartview' "$bench/baseline_chartview") ;;
    esac
    echo "$program $(xvfb-run -a -s "-screen 0 1280x1024x24" "$root/tests/bench/startup.sh" 1 "${args[@]}")" \
      >>"$work/startup.txt"
  done
done
# startup.txt: "<program> <ms> <rss kB> <anonymous kB> <failed> <ms>" per start.
col() { awk -v p="$1" -v c="$2" '$1 == p {print $c}' "$work/startup.txt" | median; }
runs() { awk -v p="$1" '$1 == p {printf "%s ", $2}' "$work/startup.txt"; }
retried() { awk -v p="$1" '$1 == p {n += $5} END {print n + 0}' "$work/startup.txt"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
golive_ms=$(col golive 2) widget_ms=$(col widget 2) chart_ms=$(col chart 2)
golive_kb=$(col golive 3) widget_kb=$(col widget 3) chart_kb=$(col chart 3)
golive_anon=$(col golive 4) widget_anon=$(col widget 4) chart_anon=$(col chart 4)
row "Start → window mapped: golive / bare QWidget / bare QChartView" \
  "$golive_ms / $widget_ms / $chart_ms ms (×$(ratio "$golive_ms" "$widget_ms"), ×$(ratio "$golive_ms" "$chart_ms"))" \
  "≤ 1.5 × each baseline" "startup.sh (xwininfo poll), $rounds interleaved rounds; runs: $(runs golive)/ $(runs widget)/ $(runs chart); failed starts retried: $(retried golive) / $(retried widget) / $(retried chart)"
row "Idle RSS 3 s after the window maps (golive probing): golive / bare QWidget / bare QChartView" \
  "$golive_kb / $widget_kb / $chart_kb kB (×$(ratio "$golive_kb" "$widget_kb"), ×$(ratio "$golive_kb" "$chart_kb"))" \
  "≤ 1.5 × each baseline" "startup.sh (/proc/PID/status VmRSS)"
row "… of which anonymous (the program's own heap and stacks; the rest is library code pages)" \
  "$golive_anon / $widget_anon / $chart_anon kB" "" "startup.sh (/proc/PID/smaps_rollup)"

# (c) golive's own CPU while it probes six loopback targets once a second (Cohere chat, embed and
# rerank, production and staging health, the status page), window open under Xvfb; 30 s after a
# 5 s warm-up. The targets run in another process so the figure is golive's alone.
"$bench/probe_bench" targets 60 "$work/loopback-profile.json" >"$work/targets.txt" &
targets_pid=$!
pids+=($targets_pid)
for _ in $(seq 100); do grep -q ready "$work/targets.txt" && break; sleep 0.1; done
mkdir -p "$work/probe-data"
read -r cpu probe_rss < <(CO_API_KEY=fake-cohere-key-7f3a9c xvfb-run -a -s "-screen 0 1280x1024x24" \
  "$root/tests/bench/idle-cpu.sh" 5 30 "$build/app/golive" --data-dir "$work/probe-data" \
  --profile "$work/loopback-profile.json")
kill -INT "$targets_pid" 2>/dev/null || true
row "golive's CPU while probing 6 loopback targets at 1 Hz (chat, embed, rerank, 2 × team health, status page), window open, 30 s" \
  "${cpu} s CPU = $(python3 -c "print('%.2f' % ($cpu / 30 * 100))") % of one core (RSS then $probe_rss kB)" \
  "< 1 % of a core" "idle-cpu.sh: /proc/PID/stat utime+stime of build/app/golive"

# (d) Probe timing accuracy: CohereOutcome::latencyMs vs curl's time_total on the same server.
"$bench/probe_bench" serve 120 50 200 1000 >"$work/ports1.txt" &
pids+=($!)
for _ in $(seq 100); do [[ $(wc -l <"$work/ports1.txt") -ge 3 ]] && break; sleep 0.1; done
body='{"model":"command-r7b-12-2024","messages":[{"role":"user","content":"ping"}],"max_tokens":1}'
while read -r _ delay port; do
  url=http://127.0.0.1:$port
  golive=$("$bench/probe_bench" measure 6 "$url" | awk 'NR > 1 {print $2}' | median)
  curls=()
  for _ in $(seq 5); do
    curls+=("$(curl -s --noproxy '*' -o /dev/null -w '%{time_total}' -X POST \
      -H 'Authorization: Bearer fake-cohere-key-7f3a9c' -H 'Content-Type: application/json' \
      -d "$body" "$url/v2/chat")")
  done
  curl_ms=$(printf '%s\n' "${curls[@]}" | awk '{printf "%.1f\n", $1 * 1000}' | median)
  row "Server delay ${delay} ms: golive CohereOutcome.latencyMs vs curl time_total (median of 5)" \
    "$golive ms vs $curl_ms ms (Δ $(python3 -c "print('%.1f' % ($golive - $curl_ms))") ms)" \
    "within 1 ms" "probe_bench measure / curl"
done <"$work/ports1.txt"

model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
echo "golive performance budget — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $model," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| What | Measured | Target | How |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
