#!/usr/bin/env bash
# Delivery at scale, measured from outside as an operator would (issue 9). Run as root on Debian, from the repo:
#
#   bench/run.sh                      # every phase: send match two signup (N=1,000,000 readers)
#   N=100000 bench/run.sh             # fewer readers
#   N=100000 bench/run.sh send        # one phase (or several: send two); each run sets everything up afresh
#
# Phases:
#   send    one brief that matches every reader, then POST /api/sends for immediate, daily and weekly (the API's
#           runs cover every zone, so together they reach all N readers); reports digests/s end to end, the time to
#           fan out to N (planning), heap and RSS peak, CPU per process, SMTP connections, and smtp-source against
#           the same sink with the same message (8 sessions) and the ratio. A JFR profile of the send says where
#           the time goes.
#   match   publishes 200 briefs that match subsets and EXPLAIN ANALYZEs the planner's matching query (the text is
#           read from DigestRepository.java, so it is the shipped one) over all N readers.
#   two     one send with one instance, then one with two instances on the same database; their ratio.
#   signup  sign-up load (bench/SignupLoad.java, 16 threads, closed loop) with the abuse guard set generously:
#           requests/s and p99. Every post stores a reader and queues a confirmation mail.
#
# What it does first, every time: installs Debian's postfix package for smtp-sink and smtp-source without starting
# the postfix daemon (policy-rc.d denies service starts during the install), builds the jar (SKIP_BUILD=1 reuses
# target/policy-alerts.jar), starts a PostgreSQL 15 of its own in a temporary directory on a free port
# (PG_BIN to use another), starts smtp-sink on loopback, starts the jar once to migrate the schema and to capture
# one real digest (its size is what smtp-source sends), then seeds N active readers (plus 5 % pending or
# unsubscribed ones) with COPY. Everything it started is stopped on exit, and its temporary directory removed
# (KEEP=1 keeps it).
#
# Settings: N, JAVA_OPTS (default -Xmx512m: the heap goal), SIGNUP_THREADS (16), SIGNUP_SECONDS (30),
# SOURCE_MESSAGES (smtp-source messages, default min(N, 100000)). Any ALERTS_* or SPRING_* variable exported
# before the run reaches the service (e.g. ALERTS_DELIVERY_SENDERS=8). Results: printed, and appended as
# key=value lines to bench/results/<UTC time>-N<n>.txt with the JFR summary and EXPLAIN output next to it.
set -euo pipefail

N=${N:-1000000}
PHASES=("$@")
[ ${#PHASES[@]} -eq 0 ] && PHASES=(send match two signup)
for p in "${PHASES[@]}"; do
  case $p in send|match|two|signup) ;; *) echo "unknown phase '$p' (send, match, two, signup)" >&2; exit 2 ;; esac
done
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
SIGNUP_THREADS=${SIGNUP_THREADS:-16}
SIGNUP_SECONDS=${SIGNUP_SECONDS:-30}
SOURCE_MESSAGES=${SOURCE_MESSAGES:-$(( N < 100000 ? N : 100000 ))}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

REPO=$(cd "$(dirname "$0")/.." && pwd)
JAR=$REPO/target/policy-alerts.jar
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
RESULTS=$REPO/bench/results
REPORT=$RESULTS/$STAMP-N$N.txt
WORK=$(mktemp -d /tmp/alerts-bench.XXXXXX)
chmod 755 "$WORK"
TOKEN=bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
PIDS=()        # processes this script started, stopped on exit
APP_PIDS=()    # running service instances
SAMPLER=
PG_STARTED=
POLICY_RC_MADE=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
result() { printf '%s=%s\n' "$1" "$2" | tee -a "$REPORT"; }

cleanup() {
  set +e
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  for pid in "${APP_PIDS[@]}" "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${APP_PIDS[@]}" "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  [ -n "$PG_STARTED" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null
  [ -n "$POLICY_RC_MADE" ] && rm -f /usr/sbin/policy-rc.d
  if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

# --- tools -------------------------------------------------------------------------------------------------------

install_postfix() {
  if command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null; then return; fi
  log "installing postfix (for smtp-sink and smtp-source; its daemon is not started)"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    POLICY_RC_MADE=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postfix >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postfix >/dev/null; }
  [ -n "$POLICY_RC_MADE" ] && rm -f /usr/sbin/policy-rc.d && POLICY_RC_MADE=
  if postfix status >/dev/null 2>&1; then
    echo "a postfix master is running after the install; stop it (postfix stop) and run again" >&2
    exit 1
  fi
}

build() {
  if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then return; fi
  log "building the jar"
  (cd "$REPO" && ./mvnw -B -q -DskipTests package)
}

# --- PostgreSQL and SMTP -----------------------------------------------------------------------------------------

PGPORT=
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d alerts "$@"; }
sql() { psql_ -At -c "$1"; }

start_postgres() {
  PGPORT=$(free_port)
  log "starting PostgreSQL 15 on port $PGPORT"
  mkdir "$WORK/pg" && chown postgres: "$WORK/pg"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  # Debian's defaults, but for memory a 2-core, 24 GiB machine can give and WAL room for a million-row seed.
  cat >> "$WORK/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$WORK/pg'
max_connections = 100
shared_buffers = 1GB
work_mem = 32MB
maintenance_work_mem = 256MB
max_wal_size = 8GB
EOF
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start >/dev/null
  PG_STARTED=1
  psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "create database alerts" postgres
}

SINK_PORT=
SINK_PID=
start_sink() {
  SINK_PORT=$(free_port)
  # -c: running counters of sessions and messages; -m: as many parallel sessions as anyone opens
  smtp-sink -c -u nobody -m 1000 "127.0.0.1:$SINK_PORT" 1000 > "$WORK/sink.out" 2>&1 &
  SINK_PID=$!
  PIDS+=("$SINK_PID")
  sleep 0.5
  log "smtp-sink on 127.0.0.1:$SINK_PORT"
}

# smtp-sink -c rewrites one line of counters, "sess=12 quit=12 mesg=1000" (a session counts once it ends).
sink_sessions() { { tr '\r' '\n' < "$WORK/sink.out" | grep -o 'sess=[0-9]*' || echo sess=0; } | tail -1 | cut -d= -f2; }

# --- the service -------------------------------------------------------------------------------------------------

# start_app <port> <log> <smtp port> [KEY=value...]: the jar as an operator runs it, with scheduled runs off so
# that only the benchmark's requests start runs.
start_app() {
  local port=$1 logfile=$2 smtp=$3; shift 3
  env SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/alerts" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$smtp" \
    ALERTS_BASE_URL="http://127.0.0.1:$port" ALERTS_API_TOKEN="$TOKEN" \
    ALERTS_MAIL_FROM='Bench Institute <alerts@bench.example.org>' \
    ALERTS_DIGEST_SCHEDULE_ENABLED=false ALERTS_RETENTION_ENABLED=false \
    "$@" java $JAVA_OPTS -jar "$JAR" > "$logfile" 2>&1 &
  APP_PIDS+=($!)
  local deadline=$(( SECONDS + 600 ))  # a loaded 2-core machine can take minutes
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
    if (( SECONDS > deadline )) || ! kill -0 "${APP_PIDS[-1]}" 2>/dev/null; then
      tail -40 "$logfile" >&2; echo "the service on port $port did not start" >&2; exit 1
    fi
    sleep 1
  done
}

stop_apps() {
  for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${APP_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  APP_PIDS=()
}

api() { # api <port> <method> <path> [json]
  curl -sf -X "$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$1$3" ${4:+-d "$4"}
}

brief_json() { # brief_json <external id> <topics json> <regions json>
  cat <<EOF
{"externalId": "$1", "url": "https://bench.example.org/briefs/$1", "type": "Brief Analysis",
 "title": "What Does Iran's Supreme Leader Expect from the Next U.S. President? ($1)",
 "summary": "Khamenei is focused on preserving the system he built, and reads Washington through that lens.",
 "authors": ["Mehdi Khalaji"], "publishedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "language": "en",
 "topics": $2, "regions": $3}
EOF
}

ALL_TOPICS=
ALL_REGIONS=
load_taxonomy() {
  ALL_TOPICS=$(sql "select json_agg(slug order by id) from topic")
  ALL_REGIONS=$(sql "select json_agg(slug order by id) from region")
}

# --- setup: schema, one real digest, readers ---------------------------------------------------------------------

MESSAGE=$WORK/message.eml
calibrate() {
  log "migrating the schema and capturing one digest"
  local port dump_port dump_pid
  port=$(free_port); dump_port=$(free_port)
  mkdir "$WORK/dump" && chown nobody "$WORK/dump"
  smtp-sink -u nobody -d "$WORK/dump/%H%M%S." "127.0.0.1:$dump_port" 10 > /dev/null 2>&1 &
  dump_pid=$!; PIDS+=("$dump_pid")
  start_app "$port" "$WORK/app-calibrate.log" "$dump_port"
  load_taxonomy
  sql "insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
       values ('calibration@example.net', 'active', 'immediate', repeat('c', 43), now() - interval '30 days', now() - interval '30 days');
       insert into subscription (subscriber_id, topic_id, region_id, created_at)
       select id, null, null, now() - interval '30 days' from subscriber"
  api "$port" POST /api/briefs "$(brief_json calibration "$ALL_TOPICS" "$ALL_REGIONS")" >/dev/null
  api "$port" POST /api/sends '{"frequency": "immediate"}' >/dev/null
  local deadline=$(( SECONDS + 60 ))
  until [ "$(sql "select count(*) from delivery where status = 'sent'")" = 1 ]; do
    (( SECONDS < deadline )) || { echo "the calibration digest was not sent" >&2; exit 1; }
    sleep 0.5
  done
  stop_apps
  sleep 0.5
  # the dump starts with smtp-sink's own X- lines and ends with an empty line; smtp-source -F adds CRLFs itself
  local dumped
  dumped=$(ls "$WORK"/dump/* | head -1)
  grep -v -E '^X-(Client-Addr|Client-Proto|Helo-Args|Mail-Args|Rcpt-Args):' "$dumped" | sed '$ { /^$/d }' > "$MESSAGE"
  result message_bytes "$(wc -c < "$MESSAGE")"
  sql "truncate subscriber, subscription, brief, brief_topic, brief_region, send_run, delivery, delivery_brief
       restart identity cascade"
}

seed() {
  log "seeding $N active readers with COPY"
  local topics regions
  topics=$(sql "select count(*) from topic"); regions=$(sql "select count(*) from region")
  # Readers in id order: N active, then 5 % pending or unsubscribed (skipped by every run). Frequencies 60 %
  # immediate, 30 % daily, 10 % weekly. Follows as the planning benchmark mixes them, popularity skewed towards
  # the first terms (random()^2): a third one region, a quarter one topic, a fifth a 2 x 2 cross product, a tenth
  # everything, the rest two topics and a region.
  awk -v n="$N" -v T="$topics" -v R="$regions" -v subs="$WORK/subscription.csv" 'BEGIN {
    srand(42); OFS = ","; since = "2026-01-01 00:00:00+00"
    extra = int(n / 20)
    for (i = 1; i <= n + extra; i++) {
      status = i <= n ? "active" : (i % 2 ? "pending" : "unsubscribed")
      f = i % 10; freq = f < 6 ? "immediate" : (f < 9 ? "daily" : "weekly")
      print "reader" i "@bench.example.net", status, freq, sprintf("bench%038d", i), since, since
      k = i % 100
      t1 = 1 + int(T * rand() ^ 2); t2 = 1 + (t1 + int((T - 1) * rand())) % T
      r1 = 1 + int(R * rand() ^ 2); r2 = 1 + (r1 + int((R - 1) * rand())) % R
      if (k < 33)      { print i, "", r1, since > subs }
      else if (k < 58) { print i, t1, "", since > subs }
      else if (k < 78) { print i, t1, r1, since > subs; print i, t1, r2, since > subs
                         print i, t2, r1, since > subs; print i, t2, r2, since > subs }
      else if (k < 88) { print i, "", "", since > subs }
      else             { print i, t1, "", since > subs; print i, t2, "", since > subs; print i, "", r1, since > subs }
    }
  }' > "$WORK/subscriber.csv"
  psql_ -c "\copy subscriber (email, status, frequency, manage_token, created_at, confirmed_at) from '$WORK/subscriber.csv' csv"
  psql_ -c "\copy subscription (subscriber_id, topic_id, region_id, created_at) from '$WORK/subscription.csv' csv"
  sql "analyze subscriber; analyze subscription" >/dev/null
  [ "$(sql "select count(*) from subscriber where status = 'active' and id <= $N")" = "$N" ] \
    || { echo "seeded readers did not get ids 1..N" >&2; exit 1; }
  result readers "$N"
  result subscription_rows "$(sql "select count(*) from subscription")"
}

# --- measuring ---------------------------------------------------------------------------------------------------

# Samples heap (jstat: used = survivors + eden + old; old alone after each GC is the live set) and RSS of every
# running instance once a second.
start_sampler() {
  : > "$WORK/samples"
  ( while :; do
      for pid in "${APP_PIDS[@]}"; do
        jstat -gc "$pid" 2>/dev/null | awk -v pid="$pid" 'NR == 2 { printf "%s heap %d old %d\n", pid, ($3+$4+$6+$8)/1024, $8/1024 }'
        awk -v pid="$pid" '/^VmRSS/ { printf "%s rss %d\n", pid, $2/1024 }' "/proc/$pid/status" 2>/dev/null
      done >> "$WORK/samples"
      sleep 1
    done ) &
  SAMPLER=$!
}
stop_sampler() { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=; }
sample_peak() { awk -v k="$1" '$2 == k && $3 > max { max = $3 } END { print max + 0 }' "$WORK/samples"; }

cpu_seconds() { # cumulative CPU seconds of a process and its children still alive
  ps -o times= --pid "$1" --ppid "$1" | awk '{ s += $1 } END { print s + 0 }'
}

metric() { # metric <port> <prometheus sample name>
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/actuator/prometheus" \
    | awk -v m="$1" -v name="$2" '$1 == name { print $2 }'
}

# send_everyone <label> <ports...>: one brief for everyone, one run per frequency, until all are done.
# Prints nothing; leaves RUNS (ids) and the timings in the report under <label>_*.
send_everyone() {
  local label=$1; shift
  local port=$1 ports=("$@")
  api "$port" POST /api/briefs "$(brief_json "everyone-$label" "$ALL_TOPICS" "$ALL_REGIONS")" >/dev/null
  local before_sessions conns_before=() pg_cpu_before app_cpu_before=() i
  before_sessions=$(sink_sessions)
  for p in "${ports[@]}"; do conns_before+=("$(metric "$p" alerts_smtp_connections_opened_total)"); done
  pg_cpu_before=$(cpu_seconds "$(head -1 "$WORK/pg/postmaster.pid")")
  for pid in "${APP_PIDS[@]}"; do app_cpu_before+=("$(cpu_seconds "$pid")"); done
  local sink_cpu_before; sink_cpu_before=$(cpu_seconds "$SINK_PID")
  log "$label: sending to $N readers"
  RUNS=()
  for f in immediate daily weekly; do
    RUNS+=("$(api "$port" POST /api/sends "{\"frequency\": \"$f\"}" | sed 's/.*"id":\([0-9]*\).*/\1/')")
  done
  local ids; ids=$(IFS=,; echo "${RUNS[*]}")
  local peak_conns=0 c
  while :; do
    c=$(ss -Htn state established "dport = :$SINK_PORT" | wc -l)
    (( c > peak_conns )) && peak_conns=$c
    [ "$(sql "select count(*) from send_run r where id in ($ids) and (planned_at is null and error is null
              or exists (select 1 from delivery d where d.run_id = r.id and d.status in ('queued', 'claimed', 'sending')))")" = 0 ] && break
    sleep 2
  done
  local row; row=$(sql "select count(*) filter (where d.status = 'sent'),
          count(*) filter (where d.status <> 'sent'),
          extract(epoch from (select max(planned_at) - min(created_at) from send_run where id in ($ids))),
          extract(epoch from max(d.sent_at) - (select min(created_at) from send_run where id in ($ids)))
        from delivery d where d.run_id in ($ids)")
  local sent other planning total
  IFS='|' read -r sent other planning total <<< "$row"
  result "${label}_digests_sent" "$sent"
  result "${label}_digests_not_sent" "$other"
  result "${label}_fanout_seconds" "$(printf '%.1f' "$planning")"
  result "${label}_end_to_end_seconds" "$(printf '%.1f' "$total")"
  result "${label}_digests_per_second" "$(awk -v s="$sent" -v t="$total" 'BEGIN { printf "%.0f", s / t }')"
  local opened=0
  for i in "${!ports[@]}"; do
    opened=$(awk -v a="$opened" -v b="$(metric "${ports[$i]}" alerts_smtp_connections_opened_total)" -v c="${conns_before[$i]}" 'BEGIN { print a + b - c }')
  done
  result "${label}_smtp_connections_opened" "$opened"
  sleep 1  # idle senders close their connections; the sink counts a session when it ends
  result "${label}_smtp_sink_sessions" "$(( $(sink_sessions) - before_sessions ))"
  result "${label}_smtp_connections_peak_concurrent" "$peak_conns"
  result "${label}_cpu_seconds_postgres" "$(awk -v a="$(cpu_seconds "$(head -1 "$WORK/pg/postmaster.pid")")" -v b="$pg_cpu_before" 'BEGIN { print a - b }')"
  for i in "${!APP_PIDS[@]}"; do
    result "${label}_cpu_seconds_service$((i + 1))" "$(( $(cpu_seconds "${APP_PIDS[$i]}") - ${app_cpu_before[$i]} ))"
  done
  result "${label}_cpu_seconds_smtp_sink" "$(( $(cpu_seconds "$SINK_PID") - sink_cpu_before ))"
}

smtp_source() {
  log "smtp-source: $SOURCE_MESSAGES messages of $(wc -c < "$MESSAGE") bytes, 8 sessions"
  local start end rate
  start=$(date +%s.%N)
  smtp-source -s 8 -d -m "$SOURCE_MESSAGES" -F "$MESSAGE" -f alerts@bench.example.org -t reader@bench.example.net \
    "127.0.0.1:$SINK_PORT"
  end=$(date +%s.%N)
  rate=$(awk -v m="$SOURCE_MESSAGES" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", m / (b - a) }')
  result smtp_source_messages_per_second "$rate"
  start=$(date +%s.%N)
  smtp-source -s 8 -m "$SOURCE_MESSAGES" -F "$MESSAGE" -f alerts@bench.example.org -t reader@bench.example.net \
    "127.0.0.1:$SINK_PORT"
  end=$(date +%s.%N)
  result smtp_source_new_connection_each_messages_per_second \
    "$(awk -v m="$SOURCE_MESSAGES" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", m / (b - a) }')"
  SOURCE_RATE=$rate
}

# --- phases ------------------------------------------------------------------------------------------------------

phase_send() {
  local port; port=$(free_port)
  start_app "$port" "$WORK/app-send.log" "$SINK_PORT"
  local pid=${APP_PIDS[0]}
  jcmd "$pid" JFR.start name=send settings=profile filename="$WORK/send.jfr" >/dev/null
  start_sampler
  send_everyone send "$port"
  stop_sampler
  jcmd "$pid" JFR.stop name=send >/dev/null
  result send_heap_used_peak_mb "$(sample_peak heap)"
  result send_old_gen_peak_mb "$(sample_peak old)"
  result send_rss_peak_mb "$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")"
  result send_gc_seconds "$(jstat -gcutil "$pid" | awk 'NR == 2 { print $NF }')"
  java "$REPO/bench/JfrSummary.java" "$WORK/send.jfr" > "$RESULTS/$STAMP-N$N-send-profile.txt"
  stop_apps
  smtp_source
  result send_ratio_to_smtp_source "$(awk -v a="$(grep '^send_digests_per_second=' "$REPORT" | cut -d= -f2)" \
    -v b="$SOURCE_RATE" 'BEGIN { printf "%.3f", a / b }')"
}

phase_match() {
  local port; port=$(free_port)
  start_app "$port" "$WORK/app-match.log" "$SINK_PORT"
  log "publishing 200 briefs that match subsets"
  local i t r
  for i in $(seq 1 200); do
    t=$(( (i * 7) % 9 + 1 )); r=$(( (i * 5) % 14 + 1 ))
    api "$port" POST /api/briefs "$(brief_json "subset-$i" \
      "$(sql "select json_agg(slug) from topic where id in ($t, $(( t % 9 + 1 )))")" \
      "$(sql "select json_agg(slug) from region where id in ($r)")")" >/dev/null
  done
  stop_apps
  # The planner's query as shipped: the text between 'MATCHED = """' and '""";', for all frequencies and zones
  # (both %s empty) and every reader in one range: 200 briefs x N readers in one statement.
  local matched
  matched=$(awk '/private static final String MATCHED = """/ { on = 1; next } on && /""";/ { exit } on' \
    "$REPO/src/main/java/org/policyalerts/digest/DigestRepository.java" | sed 's/%s//g')
  local query="with $matched select count(*) as pairs, count(distinct subscriber_id) as readers from matched"
  query=${query//:cutoff/now()}
  query=${query//:oldest/now() - interval \'7 days\'}
  query=${query//:after/0}
  query=${query//:upto/$(( N * 2 ))}
  query=${query//cast(:zone as text)/cast(null as text)}
  query=${query//:zone/null}
  query=${query//:defaultZone/\'UTC\'}
  sql "$query" | tee -a "$WORK/match.out" >/dev/null
  local pairs readers; IFS='|' read -r pairs readers < "$WORK/match.out"
  result match_briefs "$(sql "select count(*) from brief b where b.state = 'published' and not exists
                             (select 1 from delivery_brief d where d.brief_id = b.id)")"
  result match_reader_brief_pairs "$pairs"
  result match_readers "$readers"
  # the plan with each node's time, then the figure: median of three without per-node timing (which costs)
  psql_ -c "explain (analyze, buffers) $query" > "$RESULTS/$STAMP-N$N-match-explain.txt"
  result match_sql_ms "$(for i in 1 2 3; do psql_ -At -c "explain (analyze, timing off) $query"; done \
    | awk '/Execution Time/ { print $3 }' | sort -n | sed -n 2p | xargs printf '%.0f')"
}

# Both sends start from freshly started instances, so that JIT warm-up weighs the same in both figures.
phase_two() {
  local one two
  one=$(free_port); two=$(free_port)
  start_app "$one" "$WORK/app-one.log" "$SINK_PORT"
  send_everyone one "$one"
  stop_apps
  start_app "$one" "$WORK/app-two-a.log" "$SINK_PORT"
  start_app "$two" "$WORK/app-two-b.log" "$SINK_PORT"
  send_everyone two "$one" "$two"
  stop_apps
  result two_instances_ratio_to_one "$(awk -v a="$(grep '^two_digests_per_second=' "$REPORT" | cut -d= -f2)" \
    -v b="$(grep '^one_digests_per_second=' "$REPORT" | cut -d= -f2)" 'BEGIN { printf "%.2f", a / b }')"
}

phase_signup() {
  local port; port=$(free_port)
  # generous abuse guard: every limit far above what one machine can post
  start_app "$port" "$WORK/app-signup.log" "$SINK_PORT" \
    ALERTS_GUARD_PER_IP=100000 ALERTS_GUARD_PER_IP_WINDOW=1s ALERTS_GUARD_GLOBAL=1000000 ALERTS_GUARD_GLOBAL_WINDOW=1s
  log "sign-up load: $SIGNUP_THREADS threads, 5 s warm-up, $SIGNUP_SECONDS s measured"
  local before pid=${APP_PIDS[0]}; before=$(sql "select count(*) from delivery where kind = 'transactional'")
  jcmd "$pid" JFR.start name=signup settings=profile filename="$WORK/signup.jfr" >/dev/null
  java "$REPO/bench/SignupLoad.java" "http://127.0.0.1:$port" "$SIGNUP_THREADS" 5 "$SIGNUP_SECONDS" | tee -a "$REPORT"
  jcmd "$pid" JFR.stop name=signup >/dev/null
  result signup_confirmations_queued "$(( $(sql "select count(*) from delivery where kind = 'transactional'") - before ))"
  stop_apps
  java "$REPO/bench/JfrSummary.java" "$WORK/signup.jfr" exec > "$RESULTS/$STAMP-N$N-signup-profile.txt"
}

# --- main --------------------------------------------------------------------------------------------------------

mkdir -p "$RESULTS"
{ echo "# bench/run.sh ${PHASES[*]}, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem/ { print $2 }') GiB"
  echo "# commit $(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src migrations templates pom.xml || echo ' (with uncommitted changes)')"
  echo "# JAVA_OPTS=$JAVA_OPTS $(env | grep -E '^(ALERTS|SPRING)_' | tr '\n' ' ')"; } > "$REPORT"
install_postfix
build
start_postgres
start_sink
calibrate
seed
load_taxonomy
for p in "${PHASES[@]}"; do "phase_$p"; done
log "results in $REPORT"
