#!/usr/bin/env bash
# Lesson-page throughput from outside (issue 23's method): the packaged jar on the demo profile, one
# signed-in learner's lesson page re-read by wrk (2 threads, 32 connections, 30 s rounds) beside the
# same app's static stylesheet in the same round; resident memory (VmHWM) at the end.
#   src/test/bench/lesson-pages.sh [rounds] [JVM flags...]
# Needs wrk and a packaged jar (./mvnw -q -DskipTests package). Prints one Markdown table row per round.
# JAVA=/path/to/bin/java picks the Java; AOT=1 (Java 25 and later) first makes the JVM's AOT cache from a
# training run of the extracted jar that serves the same pages for 40 s, then measures a start from it;
# EXTRACT=1 alone runs the extracted jar without a cache.
set -euo pipefail
rounds=${1:-3}; shift || true
java=${JAVA:-java}
jar=$(ls "$(cd "$(dirname "$0")"/../../.. && pwd)"/target/opendoor-lms-*.jar | grep -v original | head -1)
dir=$(mktemp -d)
start() { # start PORT [extra JVM flags...]: the app in $dir, until the demo accounts exist
  local p=$1; shift
  rm -f "$dir/app.log"
  ( cd "$dir" && exec "$java" "$@" -jar "$jar" --server.port=$p > app.log 2>&1 ) &
  # the demo accounts are seeded before the sign-in page first answers; the banner line says it is up
  for i in $(seq 1 240); do grep -q "is ready at" "$dir/app.log" 2>/dev/null && break; sleep 0.5; done
  pid=$(pgrep -f "server.port=$p" | head -1)
}
if [ "${AOT:-0}" = 1 ] || [ "${EXTRACT:-0}" = 1 ]; then
  # the jar extracted (Spring Boot's tools mode): the classes load from plain jars, not from jars nested in one
  "$java" -Djarmode=tools -jar "$jar" extract --force --destination "$dir/app" > /dev/null
  jar="$dir/app/$(basename "$jar")"
fi
if [ "${AOT:-0}" = 1 ]; then
  port=$((20000 + RANDOM % 10000))
  start $port "$@" -XX:AOTCacheOutput="$dir/app.aot"
  training=1
else
  training=0
fi
while true; do
port=${port:-$((20000 + RANDOM % 10000))}
[ -z "${pid:-}" ] && start $port "$@"
jar_cookies="$dir/cookies"; rm -f "$jar_cookies"
login=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "http://localhost:$port/login")
csrf=$(echo "$login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$jar_cookies" -b "$jar_cookies" --data-urlencode "username=learner@demo.opendoor.invalid" \
  --data-urlencode "password=demo-learner-pass" --data-urlencode "_csrf=$csrf" "http://localhost:$port/login"
courses=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "http://localhost:$port/courses")
csrf=$(echo "$courses" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
# (a second start on the same demo database finds the attempt already started)
action=$(echo "$courses" | grep -o 'action="/courses/hub-leaders[^"]*/attempts"' | head -1 | sed 's/action="//;s/"//' || true)
if [ -n "$action" ]; then
  attempt=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar_cookies" -b "$jar_cookies" --data-urlencode "_csrf=$csrf" "http://localhost:$port$action")
else
  attempt="http://localhost:$port$(echo "$courses" | grep -o 'href="/attempts/[^"]*"' | head -1 | sed 's/href="//;s/"//')"
fi
lesson=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar_cookies" "$attempt")
[ -z "$lesson" ] && lesson="$attempt"
session=$(grep SESSION "$jar_cookies" | awk '{print $7}')
css="http://localhost:$port$(curl -s -b "$jar_cookies" "$lesson" | grep -o 'href="/css/site[^"]*"' | head -1 | sed 's/href="//;s/"//')"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar_cookies" "$lesson")
[ "$code" = 200 ] || { echo "lesson page answered $code: $lesson" >&2; kill "$pid"; exit 1; }
if [ "$training" = 1 ]; then
  # the training run: the same pages for 40 s, then a clean stop, when the JVM writes its AOT cache
  wrk -t2 -c32 -d30s -H "Cookie: SESSION=$(grep SESSION "$jar_cookies" | awk '{print $7}')" "$lesson" > /dev/null
  wrk -t2 -c32 -d10s "$css" > /dev/null
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  [ -s "$dir/app.aot" ] || { echo "no AOT cache written" >&2; exit 1; }
  echo "AOT cache: $(du -m "$dir/app.aot" | cut -f1) MB, from a training run of 40 s"
  set -- "$@" -XX:AOTCache="$dir/app.aot"
  training=0; pid=; port=; continue
fi
break
done
rate() { wrk -t2 -c32 -d30s --latency -H "Cookie: SESSION=$session" "$1" > "$dir/wrk.txt"; 
  echo "$(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') $(grep ' 99%' "$dir/wrk.txt" | awk '{print $2}') $(grep -c 'Non-2xx' "$dir/wrk.txt")"; }
echo "| round | lesson req/s | lesson p99 | static req/s | lesson ÷ static | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for r in $(seq 1 "$rounds"); do
  read -r l lp ln <<<"$(rate "$lesson")"
  read -r s sp sn <<<"$(rate "$css")"
  echo "| $r | $l | $lp | $s | $(echo "scale=2; $l / $s" | bc) | $((ln + sn)) |"
done
echo "resident memory (VmHWM): $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
kill "$pid"; wait 2>/dev/null || true
rm -rf "$dir"
