#!/usr/bin/env bash
# Load test (issue 6): gunicorn with 2 workers on PostgreSQL (database "loadbench", recreated
# and seeded), public pages and the API driven on 127.0.0.1 by `hey` (Debian package) for a
# bounded time while an editor writes through the API. Prints requests/s, p50/p95/p99,
# errors, the editor's writes that landed (counted before and after) and peak memory per
# worker. Loopback only; every loop below is bounded in count and time.
#
#   bench/load.sh                          # DURATION=20s CONCURRENCY=8 WRITES=100
#   DURATION=60s CONCURRENCY=16 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${LOAD_DB:-loadbench}
PORT=${LOAD_PORT:-8741}
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-8}   # hey workers in all, spread over the URLs below
WRITES=${WRITES:-100}           # the editor's API writes during the run
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d)

command -v hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export SECRET_KEY=load-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export ALLOWED_HOSTS=127.0.0.1 ISCM_PLAIN_STATIC=1 CONN_MAX_AGE=60 STATIC_ROOT=$WORK/static
mkdir -p "$STATIC_ROOT"
# Measure the app, not the throttle's 429s.
export API_THROTTLE_ANON=1000000000/hour API_THROTTLE_USER=1000000000/hour
unset DEBUG

echo "== Preparing database $DB (migrate, seed, an editor with a token)"
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
.venv/bin/python manage.py migrate -v0 --noinput
.venv/bin/python manage.py seed >/dev/null
TOKEN=$(.venv/bin/python manage.py shell --no-imports -c "
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user('load-editor', password='load-editor-pass-123')
user.groups.add(Group.objects.get(name='Editors'))
print(Token.objects.create(user=user).key)")
count() { curl -fsS "$BASE/api/v1/mechanisms/?page_size=1" | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['count'])"; }

.venv/bin/gunicorn iscm_registry.wsgi --bind 127.0.0.1:$PORT --workers 2 \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" --pid "$WORK/gunicorn.pid" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
WORKERS=$(pgrep -P "$SERVER" | tr '\n' ' ')

URLS=(
  "/"
  "/mechanisms/"
  "/mechanisms/rabat-process/"
  "/objectives/"
  "/api/v1/mechanisms/?page_size=50"
  "/api/v1/mechanisms/rabat-process/"
  "/api/v1/references/?document=gcm-final&page_size=100"
  "/api/v1/objectives/"
)
# Warm each URL once (first-request imports and template compilation are not the steady state).
for url in "${URLS[@]}"; do curl -fsS -o /dev/null "$BASE$url"; done
BEFORE=$(count)
PER_URL=$(( CONCURRENCY / ${#URLS[@]} )); [ "$PER_URL" -ge 1 ] || PER_URL=1

echo "== Load: ${#URLS[@]} URLs x $PER_URL hey workers for $DURATION, $WRITES editor writes meanwhile"
i=0
for url in "${URLS[@]}"; do
  hey -z "$DURATION" -c "$PER_URL" -t 20 -o csv "$BASE$url" >"$WORK/hey-$i.csv" &
  i=$((i + 1))
done
(
  ok=0
  for n in $(seq 1 "$WRITES"); do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/mechanisms/" \
      -H "Authorization: Token $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"slug\": \"load-$n\", \"name\": \"Load test mechanism $n\", \"regions\": [\"africa\"]}")
    [ "$code" = 201 ] && ok=$((ok + 1))
  done
  echo "$ok" >"$WORK/writes-ok"
) &
WRITER=$!
wait $WRITER
for job in $(jobs -p); do [ "$job" = "$SERVER" ] || wait "$job"; done
AFTER=$(count)

PEAKS=""
for pid in $WORKERS; do
  PEAKS="$PEAKS $(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
done

.venv/bin/python - "$WORK" "$DURATION" "$BEFORE" "$AFTER" "$(cat "$WORK/writes-ok")" "$WRITES" "$PEAKS" "${URLS[@]}" <<'PY'
import csv
import glob
import statistics
import sys

work, duration, before, after, ok, writes, peaks, *urls = sys.argv[1:]
seconds = float(duration.rstrip("s")) if duration.endswith("s") else float(duration)
times, errors, per_url = [], 0, []
for i, url in enumerate(urls):
    with open(f"{work}/hey-{i}.csv") as stream:
        rows = list(csv.DictReader(stream))
    url_times = [float(r["response-time"]) for r in rows]
    url_errors = sum(1 for r in rows if not r["status-code"].startswith("2"))
    times += url_times
    errors += url_errors
    per_url.append((url, len(rows), url_errors, statistics.median(url_times) * 1000))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q / 100 * len(values)))] * 1000


print(f"{'URL':58} {'requests':>8} {'errors':>6} {'p50 ms':>7}")
for url, n, e, p50 in per_url:
    print(f"{url:58} {n:>8} {e:>6} {p50:>7.1f}")
print()
print(f"requests:     {len(times)} in {seconds:.0f} s = {len(times) / seconds:.1f} requests/s")
print(f"latency:      p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms, "
      f"p99 {pct(times, 99):.1f} ms")
print(f"errors:       {errors} (non-2xx or failed)")
landed = int(after) - int(before)
print(f"editor:       {ok}/{writes} writes answered 201; mechanisms {before} -> {after} "
      f"(+{landed})")
print("peak memory:  " + ", ".join(f"worker {n + 1} {int(kb) / 1024:.0f} MiB"
                                   for n, kb in enumerate(peaks.split())))
sys.exit(0 if errors == 0 and landed == int(writes) == int(ok) else 1)
PY
