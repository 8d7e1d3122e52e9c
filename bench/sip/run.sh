#!/usr/bin/env bash
#
# GovTel vs Kamailio: the same SIPp scenarios against both, on 127.0.0.1, one after the other.
#
#   (1) calls    caller INVITE -> 407 -> ACK -> INVITE with Proxy-Authorization -> 100/180/200 ->
#                ACK -> hold -> BYE -> 200, through the proxy, between many distinct extensions;
#                the callees are played by one SIPp UAS that registered every callee first.
#   (2) register REGISTER -> 401 -> REGISTER with Authorization -> 200, many distinct extensions.
#
# Each scenario runs at stepped rates (STEP_SECS per step) until a step fails; a step passes when
# every call succeeded (SIPp exit 0, 0 failed calls on the caller and on the callee side) and the
# achieved rate is at least MIN_ACHIEVED % of the offered one. The result for a server is the
# highest passing rate. Prints a comparison table and a markdown block for docs/benchmarks.md
# (nothing is written to docs/ by this script).
#
# Usage:  bench/sip/run.sh                         (both servers, both scenarios, defaults below)
#         SERVERS=kamailio bench/sip/run.sh        (only Kamailio)
#         SCENARIOS=call CALL_RATES="200 400" bench/sip/run.sh
#         BUILD=1 bench/sip/run.sh                 (build app/target/govtel.jar first)
#
# The script takes /tmp/govtel-heavy.lock itself for the whole run (so it never overlaps a build
# or a test run); do not wrap it in another flock on the same file, or set BENCH_NO_LOCK=1 if you
# do. Every process it starts is stopped by its PID on exit. Logs stay in RUN_DIR (printed).
#
# What it needs from GovTel is isolated in two functions below: govtel_extra_args and
# provision_govtel_extensions (extensions created through the REST API by CSV import).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SCEN_DIR=$HERE/scenarios

# ----------------------------------------------------------------------------- settings
GOVTEL_JAR=${GOVTEL_JAR:-$ROOT/app/target/govtel.jar}
GOVTEL_JAVA_OPTS=${GOVTEL_JAVA_OPTS:-}        # e.g. "-Xms1g -Xmx1g"; empty = the JVM's defaults
GOVTEL_ARGS=${GOVTEL_ARGS:-}                  # more GovTel arguments, appended as given
BUILD=${BUILD:-0}                             # 1 = ./mvnw -DskipTests package first (under the lock)
SERVERS=${SERVERS:-"kamailio govtel"}         # order of the runs
SCENARIOS=${SCENARIOS:-"reg call"}
CALLERS=${CALLERS:-2000}                      # distinct calling extensions (also the REGISTER load's)
CALLEES=${CALLEES:-2000}                      # distinct called extensions, all registered by the UAS
CALL_RATES=${CALL_RATES:-"200 400 800 1200 1600 2000 2400 3000 3600 4200"}
REG_RATES=${REG_RATES:-"500 1000 2000 4000 6000 8000 10000 12000 14000"}
STEP_SECS=${STEP_SECS:-15}                    # length of one rate step
HOLD_MS=${HOLD_MS:-500}                       # time between the caller's ACK and its BYE
SETTLE_SECS=${SETTLE_SECS:-5}                 # pause between steps (transactions drain)
WARMUP_SECS=${WARMUP_SECS:-15}                # length of each unscored warm-up step (both servers; the JVM's JIT needs it)
WARMUP_RATES=${WARMUP_RATES:-200 500 1000}    # rates of those steps: rising, so a cold JVM is not overrun while it compiles
MIN_ACHIEVED=${MIN_ACHIEVED:-95}              # % of the offered rate a passing step must reach
MAX_TOTAL_SECS=${MAX_TOTAL_SECS:-2400}        # time budget of the whole run, split between servers
MAX_CALLS=${MAX_CALLS:-1500000}               # cap on SIPp calls per server and scenario
CALLEE_REG_RATE=${CALLEE_REG_RATE:-200}       # rate of the callee registration step
GOVTEL_START_SECS=${GOVTEL_START_SECS:-180}   # how long GovTel may take to open its SIP port
LOCK=${BENCH_LOCK:-/tmp/govtel-heavy.lock}
LOCK_WAIT_SECS=${LOCK_WAIT_SECS:-3600}
BENCH_SEED=${BENCH_SEED:-4242}                # seed of the generated extension passwords

KAM_PORT=${KAM_PORT:-15060}
GOVTEL_PORT=${GOVTEL_PORT:-25060}             # TLS opens on GOVTEL_PORT+1
GOVTEL_HTTP_PORT=${GOVTEL_HTTP_PORT:-28080}
UAS_PORT=${UAS_PORT:-16060}
UAC_PORT=${UAC_PORT:-16070}
REG_PORT=${REG_PORT:-16080}
CTRL_PORT_BASE=${CTRL_PORT_BASE:-16090}       # SIPp control sockets (bound to 127.0.0.1)
CALLER_BASE=${CALLER_BASE:-400000}            # generated extension numbers (6 digits; clear of
                                              # the demo directory's 1xxxxx-3xxxxx and 8xxxxx services)
CALLEE_BASE=${CALLEE_BASE:-450000}
BENCH_SITE=${BENCH_SITE:-bench}                # site GovTel's benchmark extensions are created in

RUN_DIR=${RUN_DIR:-$(mktemp -d /tmp/govtel-sip-bench.XXXXXX)}
COMMAND_LINE="$0 $*"
SCRIPT_START=$(date +%s)

# ----------------------------------------------------------------------------- helpers
# shellcheck source=../lib/processes.sh
source "$HERE/../lib/processes.sh"

# Runs a command under timeout(1) in the background and waits for it, so that a signal to this
# script is handled at once (the EXIT trap then stops it by its PID). Returns its exit code.
run_bounded() { # SECONDS OUTPUT_FILE COMMAND...
    local secs=$1 out=$2 pid rc=0
    shift 2
    timeout -k 5 "$secs" "$@" > "$out" 2>&1 9>&- &
    pid=$!
    STARTED_PIDS+=("$pid")
    wait "$pid" || rc=$?
    forget_pid "$pid"
    return "$rc"
}

# ----------------------------------------------------------------------------- GovTel hooks
#
# govtel_extra_args COUNT
#   Prints extra GovTel command-line arguments (one per line) for its first start on an empty
#   data dir, e.g. a bench-only property that seeds COUNT extensions. Default: none.
govtel_extra_args() {
    : "$1"
}

# install_peers: the Debian packages of the load generator and the peer, installed when missing
#   (as root, or through sudo), so a fresh machine needs nothing installed by hand.
install_peers() {
    local missing=()
    command -v sipp > /dev/null || missing+=(sip-tester)
    if [[ " $SERVERS " == *" kamailio "* ]] && ! command -v kamailio > /dev/null; then
        missing+=(kamailio)
    fi
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    log "installing ${missing[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null ||
        die "could not install ${missing[*]}"
}

# provision_govtel_extensions COUNT DATA_DIR HTTP_PORT WANTED_CSV OUT_CSV
#   Called once GovTel is up. Creates, through GovTel's REST API as the first admin (password
#   from DATA_DIR/initial-admin-password), a site "bench" owning the number block 4xxxxx under
#   the prefecture seat, then imports WANTED_CSV ("number,password,display_name,site", the same
#   extensions and passwords Kamailio gets) with one CSV import. Leaves "number,password" lines
#   in OUT_CSV. Returns non-zero when it cannot.
provision_govtel_extensions() {
    local count=$1 data_dir=$2 http_port=$3 wanted=$4 out=$5 i api auth seat csv started
    api=http://127.0.0.1:$http_port/api
    for ((i = 0; i < 150; i++)); do
        [[ -s $data_dir/initial-admin-password ]] && break
        sleep 0.2
    done
    [[ -s $data_dir/initial-admin-password ]] || { log "no $data_dir/initial-admin-password"; return 1; }
    auth="admin:$(cat "$data_dir/initial-admin-password")"
    seat=$(curl -fsS -u "$auth" "$api/sites?q=seat&size=50" |
        python3 -c 'import json,sys; print(next(s["id"] for s in json.load(sys.stdin)["items"] if s["code"] == "seat"))') ||
        { log "cannot find the seat site through the API"; return 1; }
    curl -sS -u "$auth" -H 'Content-Type: application/json' -o "$(dirname "$out")/site.answer" -w '%{http_code}' "$api/sites" -d "{\"parentId\":$seat,\"kind\":\"COUNTY\",\"code\":\"$BENCH_SITE\",\"nameZh\":\"压测\",\"nameEn\":\"Benchmark\",\"numberPrefix\":\"4\",\"timeZone\":\"Asia/Shanghai\"}" | grep -q '^201$' ||
        { log "cannot create site $BENCH_SITE: $(head -c 600 "$(dirname "$out")/site.answer")"; return 1; }
    csv=$(dirname "$out")/govtel-import.csv
    { echo "number,password,display_name,site"; cat "$wanted"; } > "$csv"
    started=$(date +%s.%N)
    curl -fsS -u "$auth" -H 'Content-Type: text/csv' --data-binary @"$csv" -o "$csv.answer" "$api/extensions/import" ||
        { log "CSV import failed: $(head -c 600 "$csv.answer" 2>/dev/null)"; return 1; }
    log "govtel: imported $(wc -l < "$wanted") extensions by CSV in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
    cut -d, -f1,2 "$wanted" > "$out"
    (($(wc -l < "$out") >= count))
}

# ----------------------------------------------------------------------------- extensions and CSVs

# Writes number,password,display_name,site for CALLERS callers then CALLEES callees.
generate_extensions() {
    local out=$1
    perl -e '
        my ($seed, $ncaller, $callerBase, $ncallee, $calleeBase, $site) = @ARGV;
        srand($seed);
        my @c = ("a".."z", "A".."Z", "0".."9");
        # The first character is a letter: SIPp reads a password starting with "0x" as hex (AKA keys).
        sub pw { $c[int(rand(52))] . join "", map { $c[int(rand(@c))] } 2..12 }
        printf "%d,%s,Bench caller %d,%s\n", $callerBase + $_, pw(), $_, $site for 0 .. $ncaller - 1;
        printf "%d,%s,Bench callee %d,%s\n", $calleeBase + $_, pw(), $_, $site for 0 .. $ncallee - 1;
    ' "$BENCH_SEED" "$CALLERS" "$CALLER_BASE" "$CALLEES" "$CALLEE_BASE" "$BENCH_SITE" > "$out"
}

# The db_text table Kamailio's htable loads: extension -> MD5 H(A1) for realm govtel.
write_kamailio_db() {
    local csv=$1 dir=$2
    mkdir -p "$dir"
    printf 'id(int,auto) table_name(string) table_version(int) \n1:htable:2\n' > "$dir/version"
    perl -MDigest::MD5=md5_hex -ne '
        BEGIN { print "id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int) \n" }
        chomp; my ($n, $p) = split /,/;
        print ++$i, ":$n:0:0:", md5_hex("$n:govtel:$p"), ":0\n";
    ' "$csv" > "$dir/htable"
}

# SIPp injection files from "number,password" lines: the first NCALLERS are callers, the next
# NCALLEES callees. reg.csv (REGISTER load), callees.csv (callee registration), calls.csv.
make_sipp_csvs() {
    local csv=$1 ncallers=$2 ncallees=$3 dir=$4
    mkdir -p "$dir"
    if grep -v -E '^[0-9]+,[A-Za-z0-9._~!@#%^*+=-]+(,|$)' "$csv" | grep -q .; then
        die "$csv has lines SIPp cannot use (need number,password with no spaces, ';', '[' or ']')"
    fi
    awk -F, -v nc="$ncallers" -v ne="$ncallees" -v dir="$dir" '
        BEGIN { print "SEQUENTIAL" > (dir "/reg.csv"); print "SEQUENTIAL" > (dir "/callees.csv")
                print "SEQUENTIAL" > (dir "/calls.csv") }
        { auth = "[authentication username=" $1 " password=" $2 "]" }
        NR <= nc { caller[NR - 1] = $1; cauth[NR - 1] = auth; print $1 ";" auth > (dir "/reg.csv") }
        NR > nc && NR <= nc + ne { callee[NR - nc - 1] = $1; print $1 ";" auth > (dir "/callees.csv") }
        END { for (i = 0; i < nc; i++) print caller[i] ";" cauth[i] ";" callee[i % ne] > (dir "/calls.csv") }
    ' "$csv"
}

# ----------------------------------------------------------------------------- SIPp

# Common SIPp options: loopback only, big socket buffer, no keyboard, stats every second.
sipp_common() { # NAME CTRL_PORT DIR
    local name=$1 cport=$2 dir=$3
    echo -i 127.0.0.1 -mi 127.0.0.1 -ci 127.0.0.1 -cp "$cport" -nostdin -buff_size 4194304 \
        -max_recv_loops 10000 -trace_err -error_file "$dir/$name.errors.log" \
        -trace_stat -stf "$dir/$name.stat.csv" -fd 1
}

# Reads a SIPp statistics file; prints: total_created successful failed span_secs
# setup_avg_ms call_len_avg_ms retransmissions. span_secs = last row time - first row time.
sipp_stats() {
    [[ -s $1 ]] || { echo "0 0 0 0 0 0 0"; return; }
    awk -F';' '
        function ms(t,   a) { split(t, a, ":"); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] / 1000 }
        function epoch(f,   a) { split(f, a, "\t"); return a[3] }
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == 2 { t0 = epoch($col["CurrentTime"]) }
        { last = $0 }
        END {
            if (NR < 2) { print "0 0 0 0 0 0 0"; exit }
            n = split(last, f, ";")
            rt = ("ResponseTimesetup(C)" in col) ? f[col["ResponseTimesetup(C)"]] : \
                 (("ResponseTimereg(C)" in col) ? f[col["ResponseTimereg(C)"]] : "0:0:0:0")
            printf "%d %d %d %.3f %.1f %.1f %d\n", f[col["TotalCallCreated"]], f[col["SuccessfulCall(C)"]],
                f[col["FailedCall(C)"]], epoch(f[col["CurrentTime"]]) - t0, ms(rt),
                ms(f[col["CallLength(C)"]]), f[col["Retransmissions(C)"]]
        }' "$1"
}

# Nonzero cumulative Failed* counters of a SIPp statistics file.
failure_causes() {
    [[ -s $1 ]] || { echo "(no statistics)"; return 0; }
    awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next } { last = $0 }
        END { n = split(last, f, ";"); for (i = 1; i <= n; i++)
                  if (h[i] ~ /^Failed.*\(C\)$/ && f[i] + 0 > 0) printf "  %s = %d\n", h[i], f[i] }' "$1"
}

# SIPp error events: how many of each kind (numbers and Call-Id masked), then the first two in
# full; the "Dead call" notes about messages of already finished calls are left out. SIPp
# sometimes writes an event right after the previous one without a newline: split them first.
first_errors() {
    [[ -s $1 ]] || { echo "(none)"; return 0; }
    local split=$RUN_DIR/.errors.split
    perl -pe 's/(?<=.)(\d{4}-\d\d-\d\d\t\d\d:\d\d:\d\d\.\d+\t\d+\.\d+: )/\n$1/g' "$1" > "$split"
    awk '/^\x27?[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\t/ && !/Dead call/ {
            k = $0; sub(/^[^\t]*\t[^\t]*\t[^ ]* /, "", k)
            gsub(/Call-Id \x27[^\x27]*\x27/, "Call-Id ...", k); gsub(/[0-9]+/, "N", k)
            print "  " substr(k, 1, 160) }' "$split" | sort | uniq -c | sort -rn | head -n 8
    echo "  first events:"
    awk '/^\x27?[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\t/ { skip = /Dead call/; if (!skip) shown++ }
        !skip && shown >= 1 && shown <= 2 && printed++ < 16 { print "    " $0 }' "$split"
    rm -f "$split"
}

# Failed calls so far of the running UAS (its stats file is rewritten every second).
uas_failed() {
    [[ -s $1 ]] || { echo 0; return; }
    awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i; next }
               { v = $c } END { print v + 0 }' "$1"
}

# Registers every callee from the UAS port, then starts the UAS there. Sets UAS_PID, UAS_STATS.
start_callees() { # SERVER TARGET_PORT DIR NCALLEES
    local server=$1 port=$2 dir=$3 n=$4 rc=0
    log "$server: registering $n callees from 127.0.0.1:$UAS_PORT"
    # shellcheck disable=SC2046
    run_bounded $((n / CALLEE_REG_RATE + 60)) "$dir/callee-register.out" \
        sipp 127.0.0.1:"$port" -sf "$SCEN_DIR/reg_load.xml" -inf "$dir/callees.csv" -p "$UAS_PORT" \
        -m "$n" -r "$CALLEE_REG_RATE" -recv_timeout 10000 -timeout $((n / CALLEE_REG_RATE + 45))s \
        -timeout_error $(sipp_common callee-register "$CTRL_PORT_BASE" "$dir") || rc=$?
    read -r created ok failed _ < <(sipp_stats "$dir/callee-register.stat.csv")
    if ((rc != 0 || ok != n)); then
        log "$server: callee registration failed (sipp exit $rc, $ok/$n registered, $failed failed)"
        first_errors "$dir/callee-register.errors.log" | sed 's/^/    /' >&2
        return 1
    fi
    UAS_STATS=$dir/uas.stat.csv
    # shellcheck disable=SC2046
    sipp 127.0.0.1:"$port" -sf "$SCEN_DIR/uas_answer_load.xml" -p "$UAS_PORT" \
        $(sipp_common uas $((CTRL_PORT_BASE + 1)) "$dir") > "$dir/uas.out" 2>&1 9>&- &
    UAS_PID=$!
    STARTED_PIDS+=("$UAS_PID")
    wait_port udp "$UAS_PORT" 10 "$UAS_PID" || { log "$server: the SIPp UAS did not start"; return 1; }
    sleep 1
}

stop_callees() {
    if [[ -n ${UAS_PID:-} ]]; then
        stop_pid "$UAS_PID"
        forget_pid "$UAS_PID"
        UAS_PID=
    fi
}

# CPU time (clock ticks, utime + stime) of the server under test: SERVER_PID and its direct
# children (Kamailio's workers are forked from its main process).
SERVER_PID=
server_ticks() {
    local pids p sum=0
    [[ -n $SERVER_PID ]] || { echo 0; return; }
    pids="$SERVER_PID $(pgrep -P "$SERVER_PID" | tr '\n' ' ')"
    for p in $pids; do
        [[ -r /proc/$p/stat ]] || continue
        # fields after the ")" that ends the command name: utime is the 12th, stime the 13th
        sum=$((sum + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$sum"
}

# One rate step. Appends a row to $RESULTS; returns 0 when the step passed.
# Row: server scenario rate calls created ok failed uas_failed achieved setup_ms retrans exit pass cpu_us
# (cpu_us: the server's CPU time during the step per completed call, in microseconds)
run_step() { # SERVER SCENARIO RATE TARGET_PORT DIR STEP_NO
    local server=$1 scen=$2 rate=$3 port=$4 dir=$5 no=$6
    local m=$((rate * STEP_SECS)) name="$scen-$rate" rc=0 limit sf inf lport extra=()
    local uas_before=0 uas_after=0 uas_fail=0 created ok failed span setup_ms calllen_ms retrans
    local achieved pass ticks_before cpu_us
    if [[ $scen == call ]]; then
        sf=$SCEN_DIR/uac_call_load.xml inf=$dir/calls.csv lport=$UAC_PORT
        limit=$((rate * (HOLD_MS + 3000) / 1000 + 100))
        extra=(-d "$HOLD_MS")
        uas_before=$(uas_failed "$UAS_STATS")
    else
        sf=$SCEN_DIR/reg_load.xml inf=$dir/reg.csv lport=$REG_PORT
        limit=$((rate * 3 + 100))
    fi
    ((limit <= 18000)) || limit=18000 # SIPp warns past its open-files limit (20000 here)
    log "$server: $scen step $no at $rate/s ($m calls)"
    ticks_before=$(server_ticks)
    # shellcheck disable=SC2046
    run_bounded $((STEP_SECS * 3 + 90)) "$dir/$name.out" \
        sipp 127.0.0.1:"$port" -sf "$sf" -inf "$inf" -p "$lport" -m "$m" -r "$rate" -rp 1000 \
        -l "$limit" "${extra[@]}" -recv_timeout 10000 -timeout $((STEP_SECS * 3 + 60))s -timeout_error \
        $(sipp_common "$name" $((CTRL_PORT_BASE + 2)) "$dir") || rc=$?
    read -r created ok failed span setup_ms calllen_ms retrans < <(sipp_stats "$dir/$name.stat.csv")
    cpu_us=$(awk -v t=$(($(server_ticks) - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$ok" \
        'BEGIN { printf "%.0f", (n > 0 ? t * 1000000 / hz / n : 0) }')
    if [[ $scen == call ]]; then
        sleep 2.5 # the UAS writes its statistics every second
        uas_after=$(uas_failed "$UAS_STATS")
        uas_fail=$((uas_after - uas_before))
        kill -0 "$UAS_PID" 2>/dev/null || { log "$server: the SIPp UAS died"; uas_fail=$((uas_fail + 1)); }
    fi
    # calls were created over (span - one call's length): the achieved offered rate
    achieved=$(awk -v n="$created" -v s="$span" -v l="$calllen_ms" \
        'BEGIN { d = s - l / 1000; if (d < 1) d = s; printf "%.0f", (d > 0 ? n / d : 0) }')
    pass=no
    if ((rc == 0 && failed == 0 && uas_fail == 0 && ok == m)) &&
        ((achieved * 100 >= rate * MIN_ACHIEVED)); then
        pass=yes
    fi
    printf '%s %s %s %s %s %s %s %s %s %s %s %s %s %s\n' "$server" "$scen" "$rate" "$m" "$created" "$ok" \
        "$failed" "$uas_fail" "$achieved" "$setup_ms" "$retrans" "$rc" "$pass" "$cpu_us" >> "$RESULTS"
    log "$server: $scen $rate/s -> $ok/$m ok, $failed failed (UAS $uas_fail), achieved ${achieved}/s," \
        "avg ${setup_ms} ms, $retrans retransmissions, server CPU ${cpu_us} µs per call, sipp exit $rc: pass=$pass"
    if [[ $pass != yes ]]; then
        {
            echo "--- $server $scen $rate/s: failed calls by cause (caller side)"
            failure_causes "$dir/$name.stat.csv"
            echo "--- first errors in $dir/$name.errors.log"
            first_errors "$dir/$name.errors.log"
            if [[ $scen == call ]]; then
                echo "--- callee side (UAS, cumulative): failed calls by cause"
                failure_causes "$UAS_STATS"
                echo "--- first errors in $dir/uas.errors.log"
                first_errors "$dir/uas.errors.log"
            fi
        } | tee -a "$RUN_DIR/failures.log" | sed 's/^/    /' >&2
        return 1
    fi
    return 0
}

# Steps through the rates of one scenario until a step fails or a budget runs out.
run_scenario() { # SERVER SCENARIO TARGET_PORT DIR DEADLINE
    local server=$1 scen=$2 port=$3 dir=$4 deadline=$5 rates total=0 no=0 rate
    if [[ $scen == call ]]; then rates=$CALL_RATES; else rates=$REG_RATES; fi
    if ((WARMUP_SECS > 0)); then
        # Same for both servers, not scored: a long-running server is measured warm.
        local step_secs=$STEP_SECS
        STEP_SECS=$WARMUP_SECS
        for rate in $WARMUP_RATES; do
            run_step "$server" "$scen" "$rate" "$port" "$dir" 0 || true
            sed -i '$ s/^\([^ ]*\) \([^ ]*\) /\1 \2-warmup /' "$RESULTS"
            sleep "$SETTLE_SECS"
        done
        STEP_SECS=$step_secs
    fi
    for rate in $rates; do
        no=$((no + 1))
        if (($(date +%s) + STEP_SECS + 30 > deadline)); then
            log "$server: $scen stops before $rate/s: time budget (MAX_TOTAL_SECS=$MAX_TOTAL_SECS) used up"
            echo "$server $scen budget" >> "$RUN_DIR/stopped.txt"
            break
        fi
        if ((total + rate * STEP_SECS > MAX_CALLS)); then
            log "$server: $scen stops before $rate/s: MAX_CALLS=$MAX_CALLS reached"
            echo "$server $scen max-calls" >> "$RUN_DIR/stopped.txt"
            break
        fi
        total=$((total + rate * STEP_SECS))
        run_step "$server" "$scen" "$rate" "$port" "$dir" "$no" || break
        sleep "$SETTLE_SECS"
    done
}

run_load() { # SERVER SCENARIO TARGET_PORT DIR NCALLEES DEADLINE
    local server=$1 scen=$2 port=$3 dir=$4 ncallees=$5 deadline=$6
    case $scen in
        reg) run_scenario "$server" reg "$port" "$dir" "$deadline" ;;
        call)
            if start_callees "$server" "$port" "$dir" "$ncallees"; then
                run_scenario "$server" call "$port" "$dir" "$deadline"
            else
                echo "$server call 0 0 0 0 0 0 0 0 0 -1 no 0" >> "$RESULTS"
            fi
            stop_callees
            ;;
    esac
}

# ----------------------------------------------------------------------------- servers

# Each scenario gets a freshly started server, so that an overloaded last step of one scenario
# (queues, memory, retransmissions) cannot weigh on the next one.
run_kamailio() { # DEADLINE SCENARIO
    local deadline=$1 scen=$2 dir=$RUN_DIR/kamailio-$2 pid
    mkdir -p "$dir"
    cut -d, -f1,2 "$RUN_DIR/extensions.csv" > "$dir/extensions.csv"
    write_kamailio_db "$dir/extensions.csv" "$dir/db"
    make_sipp_csvs "$dir/extensions.csv" "$CALLERS" "$CALLEES" "$dir"
    cp "$HERE/kamailio.cfg" "$dir/kamailio.cfg"
    port_bound udp "$KAM_PORT" && die "UDP port $KAM_PORT is taken"
    log "kamailio: starting on udp:127.0.0.1:$KAM_PORT"
    kamailio -f "$dir/kamailio.cfg" -DD -E -n 2 -m 1024 -M 16 -l "udp:127.0.0.1:$KAM_PORT" \
        -P "$dir/kamailio.pid" -Y "$dir" -w "$dir" -A "BENCH_DB_URL=\"text://$dir/db\"" \
        > "$dir/kamailio.log" 2>&1 9>&- &
    pid=$!
    SERVER_PID=$pid
    STARTED_PIDS+=("$pid")
    if ! wait_port udp "$KAM_PORT" 30 "$pid"; then
        tail -n 20 "$dir/kamailio.log" >&2
        die "kamailio did not start"
    fi
    sleep 1
    run_load kamailio "$scen" "$KAM_PORT" "$dir" "$CALLEES" "$deadline"
    log "kamailio: stopping (PID $pid)"
    stop_pid "$pid"
    forget_pid "$pid"
    if grep -q -E 'ERROR|CRITICAL' "$dir/kamailio.log"; then
        log "kamailio logged errors: $(grep -c -E 'ERROR|CRITICAL' "$dir/kamailio.log") lines, see $dir/kamailio.log"
    fi
}

GOVTEL_NOTE=
run_govtel() { # DEADLINE SCENARIO
    local deadline=$1 scen=$2 dir=$RUN_DIR/govtel-$2 pid have ncallers ncallees extra=()
    mkdir -p "$dir/data"
    if [[ ! -f $GOVTEL_JAR ]] || (($(stat -c %s "$GOVTEL_JAR") < 100000)); then
        GOVTEL_NOTE="not run: $GOVTEL_JAR missing or not a built jar"
        log "govtel: $GOVTEL_NOTE"
        return 0
    fi
    for p in "$GOVTEL_PORT" $((GOVTEL_PORT + 1)); do
        port_bound udp "$p" && die "UDP port $p is taken"
    done
    mapfile -t extra < <(govtel_extra_args $((CALLERS + CALLEES)))
    # a copy, so that a build replacing app/target/govtel.jar cannot pull it from under the JVM
    cp "$GOVTEL_JAR" "$dir/govtel.jar"
    log "govtel: starting $GOVTEL_JAR (copied to $dir) on udp:127.0.0.1:$GOVTEL_PORT"
    # shellcheck disable=SC2086
    java $GOVTEL_JAVA_OPTS -jar "$dir/govtel.jar" --govtel.data-dir="$dir/data" \
        --govtel.sip.address=127.0.0.1 --govtel.sip.port="$GOVTEL_PORT" \
        --server.address=127.0.0.1 --server.port="$GOVTEL_HTTP_PORT" "${extra[@]}" $GOVTEL_ARGS \
        > "$dir/govtel.log" 2>&1 9>&- &
    pid=$!
    SERVER_PID=$pid
    STARTED_PIDS+=("$pid")
    if ! wait_port udp "$GOVTEL_PORT" "$GOVTEL_START_SECS" "$pid"; then
        tail -n 10 "$dir/govtel.log" >&2
        GOVTEL_NOTE="not run: GovTel did not open UDP $GOVTEL_PORT within ${GOVTEL_START_SECS}s"
        log "govtel: $GOVTEL_NOTE"
        stop_pid "$pid"
        forget_pid "$pid"
        return 0
    fi
    sleep 2
    if ! provision_govtel_extensions $((CALLERS + CALLEES)) "$dir/data" "$GOVTEL_HTTP_PORT" \
        "$RUN_DIR/extensions.csv" "$dir/extensions.csv"; then
        GOVTEL_NOTE="not run: provision_govtel_extensions failed"
        log "govtel: $GOVTEL_NOTE"
        stop_pid "$pid"
        forget_pid "$pid"
        return 0
    fi
    have=$(wc -l < "$dir/extensions.csv")
    ncallers=$CALLERS ncallees=$CALLEES
    if ((have < CALLERS + CALLEES)); then
        ((have >= 2)) || die "govtel: fewer than 2 extensions to use"
        ncallers=$((have / 2)) ncallees=$((have - have / 2))
        GOVTEL_NOTE="GovTel ran with only $have extensions ($ncallers callers, $ncallees callees): provision_govtel_extensions made fewer than asked"
        log "govtel: $GOVTEL_NOTE"
    fi
    make_sipp_csvs "$dir/extensions.csv" "$ncallers" "$ncallees" "$dir"
    run_load govtel "$scen" "$GOVTEL_PORT" "$dir" "$ncallees" "$deadline"
    log "govtel: stopping (PID $pid)"
    stop_pid "$pid"
    forget_pid "$pid"
}

# ----------------------------------------------------------------------------- report

best_rate() { # SERVER SCENARIO -> highest passing rate or 0
    awk -v s="$1" -v c="$2" '$1 == s && $2 == c && $13 == "yes" && $3 > b { b = $3 } END { print b + 0 }' "$RESULTS"
}
best_field() { # SERVER SCENARIO RATE FIELD
    awk -v s="$1" -v c="$2" -v r="$3" -v f="$4" '$1 == s && $2 == c && $3 == r && $13 == "yes" { v = $f } END { print v }' "$RESULTS"
}
failed_any() { awk -v s="$1" -v c="$2" '$1 == s && $2 == c && $13 != "yes" { n++ } END { exit !n }' "$RESULTS"; }
ran() { awk -v s="$1" -v c="$2" '$1 == s && $2 == c { n++ } END { exit !n }' "$RESULTS"; }

cell() { # SERVER SCENARIO [GE-SIGN]
    local b ge=${3:->=}
    if ! ran "$1" "$2"; then echo "not run"; return; fi
    b=$(best_rate "$1" "$2")
    if ((b == 0)); then echo "0 (lowest step failed)"; return; fi
    # no step failed: the list or a budget ended the scenario before its ceiling
    if failed_any "$1" "$2"; then echo "$b"; else echo "$ge $b"; fi
}

ratio() { # SCENARIO
    local g k
    ran govtel "$1" && ran kamailio "$1" || { echo "n/a"; return; }
    g=$(best_rate govtel "$1") k=$(best_rate kamailio "$1")
    ((k > 0)) || { echo "n/a"; return; }
    awk -v g="$g" -v k="$k" 'BEGIN { printf "%.2f", g / k }'
}

report() {
    local scen label date cpu sipp_v kam_v java_v commit
    date=$(date -u '+%Y-%m-%d %H:%M UTC')
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    sipp_v=$(sipp -v 2>&1 || true)                     # sipp -v exits 99
    sipp_v=$(awk 'NF { sub(/^ +/, ""); print; exit }' <<< "$sipp_v")
    kam_v=$(kamailio -v 2>&1 || echo "kamailio not installed")
    kam_v=${kam_v%%$'\n'*}
    java_v=$(java -version 2>&1 || echo "java not installed")
    java_v=${java_v%%$'\n'*}
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null) ]]; then commit="$commit (work tree modified)"; fi

    echo
    echo "Steps (rate = offered per second; achieved from SIPp's statistics; setup/reg = mean ms):"
    printf '  %-9s %-5s %7s %8s %8s %7s %6s %9s %9s %8s %5s %5s %8s\n' server scen rate calls ok failed uasF \
        achieved avg_ms retrans exit pass cpu_us
    awk '{ printf "  %-9s %-5s %7s %8s %8s %7s %6s %9s %9s %8s %5s %5s %8s\n", $1, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13, $14 }' \
        "$RESULTS"
    echo "  (cpu_us: the server's own CPU time during the step per completed call, µs; SIPp not counted)"
    echo
    echo "Highest rate with 0 failed calls (per second):"
    printf '  %-52s %-16s %-16s %s\n' scenario GovTel Kamailio GovTel/Kamailio
    for scen in call reg; do
        [[ " $SCENARIOS " == *" $scen "* ]] || continue
        if [[ $scen == call ]]; then label="calls/s (407 + auth INVITE, 180/200, ACK, BYE)"; else label="registrations/s (401 + auth REGISTER)"; fi
        printf '  %-52s %-16s %-16s %s\n' "$label" "$(cell govtel $scen)" "$(cell kamailio $scen)" "$(ratio $scen)"
    done
    if [[ -n $GOVTEL_NOTE ]]; then echo "  GovTel: $GOVTEL_NOTE"; fi
    if [[ -s $RUN_DIR/stopped.txt ]]; then
        echo "  stopped early by a budget: $(tr '\n' ';' < "$RUN_DIR/stopped.txt")"
    fi
    echo "  (\">=\": no step failed, the rate list or a budget ended the run before the ceiling)"
    echo "  logs: $RUN_DIR"

    echo
    echo "----- markdown for docs/benchmarks.md -----"
    echo "### SIP: GovTel vs Kamailio ($date)"
    echo
    echo '```'
    echo "CALLERS=$CALLERS CALLEES=$CALLEES STEP_SECS=$STEP_SECS HOLD_MS=$HOLD_MS \\"
    echo "  CALL_RATES=\"$CALL_RATES\" REG_RATES=\"$REG_RATES\" \\"
    if [[ -n $GOVTEL_JAVA_OPTS ]]; then echo "  GOVTEL_JAVA_OPTS=\"$GOVTEL_JAVA_OPTS\" \\"; fi
    if [[ -n $GOVTEL_ARGS ]]; then echo "  GOVTEL_ARGS=\"$GOVTEL_ARGS\" \\"; fi
    echo "  SERVERS=\"$SERVERS\" SCENARIOS=\"$SCENARIOS\" bench/sip/run.sh"
    echo '```'
    echo
    echo "Machine: $(nproc) cores, $cpu, $(uname -sr). All traffic on 127.0.0.1; SIPp UAC, SIPp UAS"
    echo "and the server under test share the cores. Versions: $sipp_v; $kam_v; $java_v;"
    echo "GovTel commit $commit. Kamailio: bench/sip/kamailio.cfg, 2 workers, \`-m 1024 -M 16\`, 4 MB"
    echo "UDP receive buffer, digest qop=auth with nonce-count checks, every INVITE challenged."
    echo "Each step lasts ${STEP_SECS} s; a step passes with 0 failed calls (caller and callee side) and"
    echo "≥ ${MIN_ACHIEVED} % of the offered rate achieved; the first failing step ends the scenario."
    echo
    echo "| scenario | GovTel | Kamailio 5.6 | GovTel / Kamailio |"
    echo "|---|---|---|---|"
    for scen in call reg; do
        [[ " $SCENARIOS " == *" $scen "* ]] || continue
        if [[ $scen == call ]]; then
            label="calls/s: INVITE → 407 → INVITE with credentials → 180/200 → ACK → BYE, $CALLERS callers → $CALLEES registered callees, hold ${HOLD_MS} ms"
        else
            label="registrations/s: REGISTER → 401 → REGISTER with credentials → 200, $CALLERS extensions"
        fi
        echo "| $label | $(cell govtel $scen ≥) | $(cell kamailio $scen ≥) | $(ratio $scen) |"
    done
    if [[ -n $GOVTEL_NOTE ]]; then echo; echo "GovTel: $GOVTEL_NOTE."; fi
    echo "----- end of markdown -----"
}

# ----------------------------------------------------------------------------- main

main() {
    local nservers deadline server per_server scen
    install_peers
    command -v sipp > /dev/null || die "sipp not found (apt-get install sip-tester)"
    command -v perl > /dev/null || die "perl not found"
    ((CALLERS >= 1 && CALLEES >= 1)) || die "CALLERS and CALLEES must be at least 1"
    ((CALLER_BASE + CALLERS <= CALLEE_BASE || CALLEE_BASE + CALLEES <= CALLER_BASE)) ||
        die "caller and callee number ranges overlap: change CALLER_BASE/CALLEE_BASE"
    ((CALLER_BASE + CALLERS <= 1000000 && CALLEE_BASE + CALLEES <= 1000000)) || die "extension numbers must stay 6 digits"
    for scen in $SCENARIOS; do
        [[ $scen == reg || $scen == call ]] || die "unknown scenario $scen (reg, call)"
    done
    for server in $SERVERS; do
        case $server in
            kamailio) command -v kamailio > /dev/null || die "kamailio not found (apt-get install kamailio)" ;;
            govtel) command -v java > /dev/null || die "java not found" ;;
            *) die "unknown server $server (kamailio, govtel)" ;;
        esac
    done
    for p in "$UAS_PORT" "$UAC_PORT" "$REG_PORT" "$CTRL_PORT_BASE" $((CTRL_PORT_BASE + 1)) $((CTRL_PORT_BASE + 2)); do
        port_bound udp "$p" && die "UDP port $p is taken"
    done
    local rmem
    rmem=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 0)
    ((rmem >= 4194304)) || log "warning: net.core.rmem_max=$rmem < 4 MB: SIPp and Kamailio get smaller UDP buffers"

    if [[ -z ${BENCH_NO_LOCK:-} ]]; then
        exec 9>> "$LOCK"
        log "waiting for $LOCK (at most ${LOCK_WAIT_SECS}s)"
        flock -w "$LOCK_WAIT_SECS" 9 || die "could not take $LOCK"
        SCRIPT_START=$(date +%s)
    fi
    if [[ $BUILD == 1 ]]; then
        log "building GovTel (./mvnw -DskipTests package)"
        (cd "$ROOT" && ./mvnw -q -DskipTests package 9>&-) || die "build failed"
    fi

    log "run dir $RUN_DIR"
    RESULTS=$RUN_DIR/results.txt
    : > "$RESULTS"
    generate_extensions "$RUN_DIR/extensions.csv"
    log "generated $CALLERS caller + $CALLEES callee extensions"

    nservers=$(wc -w <<< "$SERVERS")
    per_server=$((MAX_TOTAL_SECS / nservers))
    for server in $SERVERS; do
        deadline=$(($(date +%s) + per_server))
        for scen in $SCENARIOS; do
            "run_$server" "$deadline" "$scen"
        done
    done
    report | tee "$RUN_DIR/report.txt"
}

main "$@"; exit  # nothing after this line is read: editing the file during a run is safe
