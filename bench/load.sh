#!/usr/bin/env bash
# Load test (issues 6 and 14): gunicorn with 2 workers on PostgreSQL (database "loadbench",
# recreated and seeded), public pages and the API driven on 127.0.0.1 by `hey` (Debian
# package) for a bounded time while an editor writes through the API (creates, and two
# loops PATCHing different fields of one mechanism). Two phases of DURATION each: "calm",
# then "attack" with bench/attack.py beside them (ATTACK_RATE random-name login attempts a
# second on the token endpoint with forged X-Forwarded-For, nested and oversized bodies).
# Prints requests/s, p50/p95/p99, errors, the editor's writes that landed, `/` throughput
# calm vs under attack, how the attack was answered and peak memory per worker. Exits
# non-zero if `/` under attack keeps < 0.5 of its calm throughput, any reader request fails,
# an editor write is lost or an attack request got a 5xx. Loopback only; every loop below is
# bounded in count and time.
#
#   bench/load.sh                          # DURATION=20s CONCURRENCY=8 WRITES=100 ATTACK_RATE=10
#   DURATION=60s CONCURRENCY=16 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${LOAD_DB:-loadbench}
PORT=${LOAD_PORT:-8741}
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-8}   # hey workers in all, spread over the URLs below
WRITES=${WRITES:-100}           # the editor's API writes per phase (half creates, half PATCHes)
ATTACK_RATE=${ATTACK_RATE:-10}  # the attacker's login attempts per second
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
from mechanisms.models import Mechanism
Mechanism.objects.create(slug='load-race', name='race name 0', acronym='RACE0', kind='rcp')
print(Token.objects.create(user=user).key)")
count() { curl -fsS "$BASE/api/v1/mechanisms/?page_size=1" | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['count'])"; }

.venv/bin/gunicorn iscm_registry.wsgi --bind 127.0.0.1:$PORT --workers 2 \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" --pid "$WORK/gunicorn.pid" \
  2>>"$WORK/gunicorn.log" &
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
PER_URL=$(( CONCURRENCY / ${#URLS[@]} )); [ "$PER_URL" -ge 1 ] || PER_URL=1
CREATES=$(( WRITES / 2 )); PATCHES=$(( (WRITES - CREATES) / 2 ))
SECONDS_=${DURATION%s}

api() {  # method path body -> status code
  curl -sS -o /dev/null -w '%{http_code}' -X "$1" "$BASE$2" \
    -H "Authorization: Token $TOKEN" -H 'Content-Type: application/json' -d "$3"
}

phase() {  # name, attack (0/1)
  local name=$1 attack=$2 i=0
  echo "== Phase $name: ${#URLS[@]} URLs x $PER_URL hey workers for $DURATION, $CREATES creates" \
       "and 2 x $PATCHES PATCHes$([ "$attack" = 1 ] && echo ", attacker at $ATTACK_RATE logins/s")"
  local before; before=$(count)
  for url in "${URLS[@]}"; do
    hey -z "$DURATION" -c "$PER_URL" -t 20 -o csv "$BASE$url" >"$WORK/$name-hey-$i.csv" &
    i=$((i + 1))
  done
  local pids=()
  (
    ok=0
    for n in $(seq 1 "$CREATES"); do
      code=$(api POST /api/v1/mechanisms/ \
        "{\"slug\": \"load-$name-$n\", \"name\": \"Load test mechanism $name $n\", \"regions\": [\"africa\"]}")
      [ "$code" = 201 ] && ok=$((ok + 1))
    done
    echo "$ok" >"$WORK/$name-creates-ok"
  ) & pids+=($!)
  for field in name acronym; do
    (
      ok=0
      for n in $(seq 1 "$PATCHES"); do
        if [ "$field" = name ]; then value="race name $name $n"; else value="R$name$n"; fi
        code=$(api PATCH /api/v1/mechanisms/load-race/ "{\"$field\": \"$value\"}")
        [ "$code" = 200 ] && ok=$((ok + 1))
      done
      echo "$ok" >"$WORK/$name-patch-$field-ok"
    ) & pids+=($!)
  done
  if [ "$attack" = 1 ]; then
    .venv/bin/python bench/attack.py "$BASE" --rate "$ATTACK_RATE" --duration "$SECONDS_" \
      >"$WORK/$name-attack.json" & pids+=($!)
  else
    echo '{}' >"$WORK/$name-attack.json"
  fi
  for pid in "${pids[@]}"; do wait "$pid"; done
  for job in $(jobs -p); do [ "$job" = "$SERVER" ] || wait "$job"; done
  local after; after=$(count)
  curl -fsS "$BASE/api/v1/mechanisms/load-race/" >"$WORK/$name-race.json"
  echo "$before $after" >"$WORK/$name-count"
}

phase calm 0
phase attack 1

PEAKS=""
for pid in $WORKERS; do
  PEAKS="$PEAKS $(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
done

.venv/bin/python - "$WORK" "$DURATION" "$CREATES" "$PATCHES" "$PEAKS" "${URLS[@]}" <<'PY'
import csv
import json
import statistics
import sys

work, duration, creates, patches, peaks, *urls = sys.argv[1:]
creates, patches = int(creates), int(patches)
seconds = float(duration.rstrip("s")) if duration.endswith("s") else float(duration)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q / 100 * len(values)))] * 1000


def report(name):
    times, errors, per_url = [], 0, []
    for i, url in enumerate(urls):
        with open(f"{work}/{name}-hey-{i}.csv") as stream:
            rows = list(csv.DictReader(stream))
        url_times = [float(r["response-time"]) for r in rows]
        url_errors = sum(1 for r in rows if not r["status-code"].startswith("2"))
        times += url_times
        errors += url_errors
        per_url.append((url, len(rows), url_errors, statistics.median(url_times) * 1000))
    print(f"-- {name}")
    print(f"{'URL':58} {'requests':>8} {'errors':>6} {'p50 ms':>7}")
    for url, n, e, p50 in per_url:
        print(f"{url:58} {n:>8} {e:>6} {p50:>7.1f}")
    print(f"requests:     {len(times)} in {seconds:.0f} s = {len(times) / seconds:.1f} requests/s")
    print(f"latency:      p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms, "
          f"p99 {pct(times, 99):.1f} ms")
    print(f"errors:       {errors} (non-2xx or failed)")
    before, after = map(int, open(f"{work}/{name}-count").read().split())
    created = int(open(f"{work}/{name}-creates-ok").read())
    patched = {f: int(open(f"{work}/{name}-patch-{f}-ok").read()) for f in ("name", "acronym")}
    race = json.load(open(f"{work}/{name}-race.json"))
    race_ok = race["name"] == f"race name {name} {patches}" and race["acronym"] == f"R{name}{patches}"
    lost = (creates - created) + (after - before != creates) + sum(patches - n for n in patched.values())
    lost += 0 if race_ok else 1
    print(f"editor:       {created}/{creates} creates answered 201, mechanisms {before} -> {after}; "
          f"PATCHes name {patched['name']}/{patches}, acronym {patched['acronym']}/{patches} "
          f"answered 200, both last values stored: {'yes' if race_ok else 'NO'}")
    attack = json.load(open(f"{work}/{name}-attack.json"))
    if attack:
        print("attacker:     " + ", ".join(f"{k}: {v}" for k, v in attack.items()))
    root = per_url[0][1] / seconds
    # A connection the server closed while an oversized body was still being sent is a
    # refusal, not a failure; a 5xx is.
    attack_5xx = sum(v for k, v in attack.items() if k.split()[1].startswith("5"))
    return root, errors, lost, attack_5xx


calm_root, calm_errors, calm_lost, _ = report("calm")
print()
attack_root, attack_errors, attack_lost, attack_5xx = report("attack")
ratio = attack_root / calm_root if calm_root else 0.0
print()
print(f"/ throughput: calm {calm_root:.1f} requests/s, under attack {attack_root:.1f} requests/s "
      f"(ratio {ratio:.2f}, goal >= 0.5)")
print("peak memory:  " + ", ".join(f"worker {n + 1} {int(kb) / 1024:.0f} MiB"
                                   for n, kb in enumerate(peaks.split())))
failed = []
if ratio < 0.5:
    failed.append("/ under attack < 0.5 of calm")
if calm_errors or attack_errors:
    failed.append("reader errors")
if calm_lost or attack_lost:
    failed.append("editor writes lost")
if attack_5xx:
    failed.append("attack requests answered 5xx")
print("result:       " + ("OK" if not failed else "FAILED: " + "; ".join(failed)))
sys.exit(1 if failed else 0)
PY
