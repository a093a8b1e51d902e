#!/usr/bin/env bash
# Load benchmark of `dateline serve` (not a test): builds a store of >= 100,000 articles from
# the shared corpus, starts the server on loopback, and measures search and timeline latency
# (p50/p99) and requests per second with wrk from a second process.
#
#   bench/load.sh                      # 5 copies of ../shared/corpus (~110,000 articles)
#   COPIES=2 bench/load.sh             # fewer copies
#   BENCH_DATA=/tmp/dl-load bench/load.sh   # keep the store there (reused when it exists)
#   DURATION=20s CONNECTIONS=8 THREADS=1 bench/load.sh
#   DATELINE_BIN=target/release/dateline bench/load.sh   # no build
#
# The copies differ only in their source key ("Reuters" -> "Reuters #2"), so every copy is a
# new article id; they are written to a temporary folder outside the repository (corpus text
# is research-only and is never copied into the repo) and removed afterwards.
# Prints METRIC:name:value:unit lines; record the numbers in docs/benchmarks.md.
# All traffic goes to 127.0.0.1 only. Needs wrk (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${CORPUS:-../shared/corpus}
COPIES=${COPIES:-5}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-1}
PORT=${PORT:-18917}
ADDR="127.0.0.1:$PORT"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is required: apt-get install wrk" >&2
    exit 2
  fi
fi
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }

# DATELINE_BIN=path uses an already built binary.
if [ -n "${DATELINE_BIN:-}" ]; then
  BIN=$DATELINE_BIN
else
  cargo build --release -q -p dateline
  BIN=target/release/dateline
fi

WORK=$(mktemp -d -t dateline-load-XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DATA=${BENCH_DATA:-$WORK/data}
if [ ! -f "$DATA/dateline.sqlite" ]; then
  echo "== building the store: $COPIES copies of $CORPUS into $DATA"
  for k in $(seq 1 "$COPIES"); do
    mkdir -p "$WORK/copies/$k"
    for f in "$CORPUS"/*/*.jsonl; do
      out="$WORK/copies/$k/$(basename "$(dirname "$f")")-$(basename "$f")"
      if [ "$k" = 1 ]; then cp "$f" "$out"; else sed -E "s/\"source\": \"([^\"]*)\"/\"source\": \"\\1 #$k\"/" "$f" >"$out"; fi
    done
  done
  start=$(date +%s.%N)
  "$BIN" --data "$DATA" --quiet ingest "$WORK/copies" >"$WORK/ingest.log" 2>&1 || true
  end=$(date +%s.%N)
  tail -1 "$WORK/ingest.log"
  echo "METRIC:load_ingest_seconds:$(awk "BEGIN { printf \"%.1f\", $end - $start }"):s"
  rm -rf "$WORK/copies"
fi
STORE_MB=$(du -sm "$DATA" | cut -f1)

echo "== serving on $ADDR"
"$BIN" --data "$DATA" --quiet serve --addr "$ADDR" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if curl -sf "http://$ADDR/api/health" >"$WORK/health.json" 2>/dev/null; then break; fi
  sleep 0.1
done
ARTICLES=$(grep -o '"articles":[0-9]*' "$WORK/health.json" | cut -d: -f2)
echo "METRIC:load_store_articles:$ARTICLES:articles"
echo "METRIC:load_store_size:$STORE_MB:MB"

# Request mixes, one path per line; wrk cycles through them.
cat >"$WORK/search.txt" <<'EOF'
/api/search?q=oil+prices
/api/search?q=central+bank
/api/search?q=talks
/api/search?q=minister+said
/api/search?q=election
/api/search?q=trade+deficit
/api/search?q=%22interest+rates%22
/api/search?q=strike&kind=event
/api/search?q=government&kind=quote
/api/search?q=shares&kind=article
/api/search?q=agreement&modality=asserted
/api/search?kind=event&actor=USA
/api/search?q=coffee&from=1987-03&to=1987-06
/api/search?q=football
/api/search?q=wheat+exports&kind=article,event
/api/search?q=japan&country=JPN
EOF
cat >"$WORK/timeline.txt" <<'EOF'
/api/timeline?actor=USA
/api/timeline?actor=GBR&bucket=week
/api/timeline?actor=JPN&bucket=day
/api/timeline?actor=USA&other=JPN
/api/timeline?actor=FRA&all=true
/api/timeline?actor=DEU&cameo=04
/api/timeline?actor=CHN&bucket=week&all=true
/api/timeline?actor=BRA
/api/timeline?actor=IRN&from=1987-01&to=1987-12
/api/timeline?actor=RUS
/api/network?actor=USA
/api/network?actor=GBR&all=true
EOF
cat >"$WORK/mix.lua" <<'EOF'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.3f %.3f %.3f %d %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout, summary.duration))
end
EOF

# Each path once, checked: every one must answer 200.
for mix in search timeline; do
  while read -r p; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://$ADDR$p")
    [ "$code" = 200 ] || { echo "GET $p -> $code" >&2; exit 1; }
  done <"$WORK/$mix.txt"
done

# The machine is shared: say how busy it was.
echo "METRIC:load_average_1m:$(cut -d' ' -f1 /proc/loadavg):procs"

# Per path, one client: the median of 5 sequential requests (after one warm-up), slowest first.
echo "== per path, one client (median of 5, ms)"
for mix in search timeline; do
  while read -r p; do
    curl -s -o /dev/null "http://$ADDR$p"
    for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "http://$ADDR$p"; done |
      sort -n | sed -n 3p | awk -v p="$p" '{ printf "%8.1f  %s\n", $1 * 1000, p }'
  done <"$WORK/$mix.txt"
done | sort -rn

for mix in search timeline; do
  echo "== $mix: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  PATHS="$WORK/$mix.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$WORK/mix.lua" "http://$ADDR" >/dev/null # warm-up
  PATHS="$WORK/$mix.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$WORK/mix.lua" "http://$ADDR" | tee "$WORK/$mix.out"
  read -r _ p50 p99 max reqs errors micros < <(grep '^RESULT' "$WORK/$mix.out")
  rps=$(awk "BEGIN { printf \"%.1f\", $reqs * 1000000 / $micros }")
  echo "METRIC:serve_${mix}_p50:$p50:ms"
  echo "METRIC:serve_${mix}_p99:$p99:ms"
  echo "METRIC:serve_${mix}_max:$max:ms"
  echo "METRIC:serve_${mix}_rps:$rps:req/s"
  echo "METRIC:serve_${mix}_errors:$errors:requests"
done

# One connection, no concurrency: the latency of a single client.
for mix in search timeline; do
  PATHS="$WORK/$mix.txt" wrk -t1 -c1 -d10s --timeout 10s -s "$WORK/mix.lua" "http://$ADDR" >"$WORK/$mix.one"
  read -r _ p50 p99 max reqs errors micros < <(grep '^RESULT' "$WORK/$mix.one")
  echo "METRIC:serve_${mix}_single_p50:$p50:ms"
  echo "METRIC:serve_${mix}_single_p99:$p99:ms"
done
