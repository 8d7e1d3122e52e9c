#!/usr/bin/env bash
#
# Audio mixer under load: GovTel vs Janus AudioBridge, the same RTP participant load on both, on
# 127.0.0.1, one after the other.
#
# For each N in COUNTS and each server in SERVERS, a fresh server is started and one room is
# loaded with N plain-RTP participants by the load driver (bench/mixer-load, LoadDriver): each
# participant sends a 20 ms packet every 20 ms (PCMU, or Opus frames encoded once), TALK_PERCENT %
# of them a tone and the rest silence, and receives its mix. After SETTLE_SECS the driver measures
# for MEASURE_SECS: the server's CPU (utime + stime from /proc/PID/stat), per participant
# packets/s received, inter-arrival jitter p99 (driver clock), whether a loud probe talker hears
# itself and whether a silent listener hears the probe; for GovTel also the room's tick lateness
# (MixerClock.TickLateness, reported by MixerHost).
#
#   GovTel: MixerHost (bench/mixer-load), the media module's objects made as the conference
#           bridge makes them (LegBridgeMedia), no SIP: the driver sends it one SDP offer per
#           participant over a local control socket.
#   Janus:  Debian janus 1.1.2, only the AudioBridge plugin and the HTTP transport on
#           127.0.0.1:$JANUS_HTTP_PORT, no STUN/TURN, ice_enforce_list = "lo", configuration
#           generated into the run directory; room at 16 kHz (GovTel's mixer rate), participants
#           joined over the HTTP API with an "rtp" object.
#
# Prints a comparison table and a markdown block for docs/benchmarks.md (nothing is written to
# docs/ by this script).
#
# Usage:  bench/mixer-load/run.sh                      (both servers, G.711, COUNTS below)
#         CODEC=opus bench/mixer-load/run.sh           (Opus on both)
#         SERVERS=govtel COUNTS="500 800" bench/mixer-load/run.sh
#         BUILD=1 bench/mixer-load/run.sh              (build media + this module first, under the lock)
#
# The script takes /tmp/govtel-heavy.lock itself for the whole run; do not wrap it in another
# flock on the same file, or set BENCH_NO_LOCK=1 if you do. Every process it starts is stopped by
# its PID on exit. Logs stay in RUN_DIR (printed).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

# ----------------------------------------------------------------------------- settings
JAR=${JAR:-$HERE/target/mixer-load.jar}
BUILD=${BUILD:-0}
SERVERS=${SERVERS:-"janus govtel"}            # order of the runs for each N
COUNTS=${COUNTS:-"20 100 300 500"}            # participants in the room
CODEC=${CODEC:-pcmu}                          # pcmu or opus (both servers)
TALK_PERCENT=${TALK_PERCENT:-10}              # share of participants sending a tone
SETTLE_SECS=${SETTLE_SECS:-12}                # after the mass join, before measuring (Janus needs > 4 s)
MEASURE_SECS=${MEASURE_SECS:-20}              # measurement window
GOVTEL_JAVA_OPTS=${GOVTEL_JAVA_OPTS:-"-Xms512m -Xmx512m"}
DRIVER_JAVA_OPTS=${DRIVER_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC"}
DRIVER_RT_PRIO=${DRIVER_RT_PRIO:-10}          # SCHED_RR priority of the driver's send/receive threads (0 = off)
MAX_TOTAL_SECS=${MAX_TOTAL_SECS:-900}         # time budget of the whole run (the lock wait not counted)
RUN_TIMEOUT_SECS=${RUN_TIMEOUT_SECS:-150}     # cap on one server × N run
JANUS_HTTP_PORT=${JANUS_HTTP_PORT:-8088}
JANUS_RTP_RANGE=${JANUS_RTP_RANGE:-"50000-51999"}  # AudioBridge plain-RTP ports
GOVTEL_CTRL_PORT=${GOVTEL_CTRL_PORT:-47000}
GOVTEL_RTP_MIN=${GOVTEL_RTP_MIN:-40000}
GOVTEL_RTP_MAX=${GOVTEL_RTP_MAX:-43999}
GOVTEL_MIXER_RT_PRIO=${GOVTEL_MIXER_RT_PRIO:-10}  # govtel.media.mixer-realtime-priority of MixerHost (the app's default; 0 = normal policy)
GOVTEL_ROOM_RATE=${GOVTEL_ROOM_RATE:-16000}   # GovTel room mixer rate; the bridge uses 16000 (MixerConfig.defaults())
JANUS_LIB=${JANUS_LIB:-/usr/lib/x86_64-linux-gnu/janus}
LOCK=${BENCH_LOCK:-/tmp/govtel-heavy.lock}
LOCK_WAIT_SECS=${LOCK_WAIT_SECS:-3600}

RUN_DIR=${RUN_DIR:-$(mktemp -d /tmp/govtel-mixer-bench.XXXXXX)}
mkdir -p "$RUN_DIR"
RESULTS=$RUN_DIR/results.txt

# ----------------------------------------------------------------------------- helpers
# shellcheck source=../lib/processes.sh
source "$HERE/../lib/processes.sh"

# shellcheck source=../lib/janus.sh
source "$HERE/../lib/janus.sh"

install_peers() {
    [[ " $SERVERS " == *" janus "* ]] || return 0
    install_janus
}

write_audiobridge_config() { # DIR
    local dir=$1
    write_janus_config "$dir" libjanus_audiobridge.so
    cat > "$dir/janus.plugin.audiobridge.jcfg" <<EOF
general: {
	local_ip = "127.0.0.1"
	rtp_port_range = "$JANUS_RTP_RANGE"
	events = false
}
EOF
}

# Starts the driver for SERVER against PID; appends its RESULT line to $RESULTS.
run_driver() { # SERVER N PID DIR
    local server=$1 n=$2 pid=$3 dir=$4 rc=0
    # shellcheck disable=SC2086
    timeout -k 5 "$RUN_TIMEOUT_SECS" java $DRIVER_JAVA_OPTS -cp "$JAR" org.govtel.bench.load.LoadDriver \
        target="$server" n="$n" codec="$CODEC" talk="$TALK_PERCENT" settle="$SETTLE_SECS" measure="$MEASURE_SECS" \
        pid="$pid" ctrl="$GOVTEL_CTRL_PORT" janus="http://127.0.0.1:$JANUS_HTTP_PORT/janus" rtPrio="$DRIVER_RT_PRIO" \
        out="$RESULTS" > "$dir/driver.log" 2>&1 9>&- &
    local dpid=$!
    STARTED_PIDS+=("$dpid")
    wait "$dpid" || rc=$?
    forget_pid "$dpid"
    grep -v '^SLF4J' "$dir/driver.log" | grep -v '^RESULT' | sed 's/^/    /' >&2 || true
    if ((rc != 0)) || ! grep -q "^RESULT target=$server n=$n " "$dir/driver.log"; then
        log "$server N=$n: driver failed (exit $rc), see $dir/driver.log"
        echo "RESULT target=$server n=$n codec=$CODEC failed=driver_exit_$rc" >> "$RESULTS"
        return 1
    fi
    return 0
}

run_janus() { # N
    local n=$1 dir=$RUN_DIR/janus-$1 pid
    mkdir -p "$dir"
    write_audiobridge_config "$dir"
    port_bound tcp "$JANUS_HTTP_PORT" && die "TCP port $JANUS_HTTP_PORT is taken"
    janus -F "$dir" -C "$dir/janus.jcfg" -o > "$dir/janus.log" 2>&1 9>&- &
    pid=$!
    STARTED_PIDS+=("$pid")
    if ! wait_port tcp "$JANUS_HTTP_PORT" 30 "$pid"; then
        tail -n 20 "$dir/janus.log" >&2
        die "janus did not open 127.0.0.1:$JANUS_HTTP_PORT"
    fi
    log "janus N=$n: started (PID $pid)"
    run_driver janus "$n" "$pid" "$dir" || true
    log "janus N=$n: stopping (PID $pid)"
    stop_pid "$pid"
    forget_pid "$pid"
}

run_govtel() { # N
    local n=$1 dir=$RUN_DIR/govtel-$1 pid
    mkdir -p "$dir"
    port_bound tcp "$GOVTEL_CTRL_PORT" && die "TCP port $GOVTEL_CTRL_PORT is taken"
    # shellcheck disable=SC2086
    java $GOVTEL_JAVA_OPTS -Dgovtel.media.mixer-realtime-priority="$GOVTEL_MIXER_RT_PRIO" \
        -cp "$JAR" org.govtel.bench.load.MixerHost "$GOVTEL_CTRL_PORT" "$GOVTEL_RTP_MIN" \
        "$GOVTEL_RTP_MAX" "$GOVTEL_ROOM_RATE" > "$dir/host.log" 2>&1 9>&- &
    pid=$!
    STARTED_PIDS+=("$pid")
    if ! wait_port tcp "$GOVTEL_CTRL_PORT" 60 "$pid"; then
        tail -n 20 "$dir/host.log" >&2
        die "MixerHost did not open its control port $GOVTEL_CTRL_PORT"
    fi
    log "govtel N=$n: started (PID $pid)"
    # What the kernel says of the mixer threads (they start with the first tick, 20 ms after start).
    log "govtel N=$n: mixer threads $(ps -L -o comm=,cls=,rtprio= -p "$pid" | awk '$1 == "bridge-mixer" { printf "%s %s; ", $2, $3 }')"
    run_driver govtel "$n" "$pid" "$dir" || true
    log "govtel N=$n: stopping (PID $pid)"
    stop_pid "$pid"
    forget_pid "$pid"
}

# ----------------------------------------------------------------------------- report

field() { # SERVER N KEY → value or "-"
    awk -v s="target=$1" -v n="n=$2" -v k="$3" '
        $2 == s && $3 == n { v = "-"; for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] == k) v = a[2] } }
        END { print (v == "" ? "-" : v) }' "$RESULTS"
}

report() {
    local n s date cpu java_v janus_v commit
    date=$(date -u '+%Y-%m-%d %H:%M UTC')
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    java_v=$(java -version 2>&1 | head -n 1)
    janus_v=$(dpkg-query -W -f='${Version}' janus 2>/dev/null || echo "?")
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null) ]]; then commit="$commit (work tree modified)"; fi

    echo
    echo "Per run (CPU = % of one core for the whole server process; jitter = |gap − 20 ms| at the driver;"
    echo "pps = packets/s received per participant; own = probe talker hears itself, % of frames (must be 0);"
    echo "heard = a silent listener hears the probe, % of frames (should be ~100)):"
    printf '  %-6s %4s %6s %9s %6s %7s %7s %7s %7s %7s %7s %7s %5s %6s %6s %6s %6s %8s\n' server N cpu% cpu%/part part/core \
        tick50 tick99 tickmax jit99ms 'jit>5%' pps_avg pps_min '<49' own% heard% drv% other% sendlate
    for n in $COUNTS; do
        for s in $SERVERS; do
            printf '  %-6s %4s %6s %9s %6s %7s %7s %7s %7s %7s %7s %7s %5s %6s %6s %6s %6s %8s\n' "$s" "$n" \
                "$(field "$s" "$n" cpu_pct)" "$(field "$s" "$n" cpu_per_part_pct)" "$(field "$s" "$n" parts_per_core)" \
                "$(field "$s" "$n" lat_p50_ms)" "$(field "$s" "$n" lat_p99_ms)" "$(field "$s" "$n" lat_max_ms)" \
                "$(field "$s" "$n" jit_p99_ms)" "$(field "$s" "$n" jit_gt5_pct)" "$(field "$s" "$n" pps_mean)" "$(field "$s" "$n" pps_min)" \
                "$(field "$s" "$n" below49)" "$(field "$s" "$n" own_voice_pct)" "$(field "$s" "$n" probe_heard_pct)" \
                "$(field "$s" "$n" driver_cpu_pct)" "$(field "$s" "$n" other_cpu_pct)" "$(field "$s" "$n" send_late_p99_ms)"
        done
    done
    echo "  logs: $RUN_DIR"

    echo
    echo "----- markdown for docs/benchmarks.md -----"
    echo "### $date"
    echo
    echo '```'
    echo "COUNTS=\"$COUNTS\" CODEC=$CODEC TALK_PERCENT=$TALK_PERCENT SETTLE_SECS=$SETTLE_SECS MEASURE_SECS=$MEASURE_SECS \\"
    if [[ $GOVTEL_ROOM_RATE != 16000 ]]; then echo "  GOVTEL_ROOM_RATE=$GOVTEL_ROOM_RATE \\"; fi
    echo "  SERVERS=\"$SERVERS\" bench/mixer-load/run.sh"
    echo '```'
    echo
    echo "Machine: $(nproc) cores, $cpu, $(uname -sr); $java_v; janus $janus_v; GovTel commit $commit."
    echo "Server, driver (send/receive threads SCHED_RR $DRIVER_RT_PRIO) share the cores; all on 127.0.0.1."
    echo "GovTel's mixer threads: govtel.media.mixer-realtime-priority=$GOVTEL_MIXER_RT_PRIO (0 = normal policy)."
    echo
    echo "| N | server | CPU (% of one core) | CPU per participant | participants per core | tick lateness p50 / p99 / max (ms) | driver jitter p99 (ms) / gaps off by > 5 ms | packets/s per participant (mean / min) | own voice / probe heard (% of frames) | driver / other processes CPU (%) |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for n in $COUNTS; do
        for s in $SERVERS; do
            local name=GovTel lat
            [[ $s == janus ]] && name="Janus AudioBridge"
            if [[ $(field "$s" "$n" failed) != "-" ]]; then
                echo "| $n | $name | failed: $(field "$s" "$n" failed) | | | | | | | |"
                continue
            fi
            if [[ $s == govtel ]]; then
                lat="$(field "$s" "$n" lat_p50_ms) / $(field "$s" "$n" lat_p99_ms) / $(field "$s" "$n" lat_max_ms)"
            else
                lat="n/a"
            fi
            echo "| $n | $name | $(field "$s" "$n" cpu_pct) % | $(field "$s" "$n" cpu_per_part_pct) % | $(field "$s" "$n" parts_per_core) | $lat | $(field "$s" "$n" jit_p99_ms) / $(field "$s" "$n" jit_gt5_pct) % | $(field "$s" "$n" pps_mean) / $(field "$s" "$n" pps_min) | $(field "$s" "$n" own_voice_pct) / $(field "$s" "$n" probe_heard_pct) | $(field "$s" "$n" driver_cpu_pct) / $(field "$s" "$n" other_cpu_pct) |"
        done
    done
    echo "----- end of markdown -----"
}

# ----------------------------------------------------------------------------- main

main() {
    local n s start deadline
    install_peers
    command -v java > /dev/null || die "java not found"
    [[ $CODEC == pcmu || $CODEC == opus ]] || die "CODEC must be pcmu or opus"
    for s in $SERVERS; do
        [[ $s == govtel || $s == janus ]] || die "unknown server $s (govtel, janus)"
    done
    for n in $COUNTS; do
        ((n >= 1 && n <= 1500)) || die "participant counts must be 1..1500"
    done

    if [[ -z ${BENCH_NO_LOCK:-} ]]; then
        exec 9>> "$LOCK"
        log "waiting for $LOCK (at most ${LOCK_WAIT_SECS}s)"
        flock -w "$LOCK_WAIT_SECS" 9 || die "could not take $LOCK"
    fi
    if [[ $BUILD == 1 ]]; then
        log "building media and bench/mixer-load"
        (cd "$ROOT" && ./mvnw -B -q -pl media -am install -DskipTests 9>&- &&
            ./mvnw -B -q -f bench/mixer-load/pom.xml package 9>&-) || die "build failed"
    fi
    [[ -f $JAR ]] || die "$JAR missing: build it (BUILD=1, or see bench/mixer-load/README.md)"

    log "run dir $RUN_DIR"
    : > "$RESULTS"
    start=$(date +%s)
    deadline=$((start + MAX_TOTAL_SECS))
    for n in $COUNTS; do
        for s in $SERVERS; do
            if (($(date +%s) + SETTLE_SECS + MEASURE_SECS + 20 > deadline)); then
                log "$s N=$n skipped: time budget (MAX_TOTAL_SECS=$MAX_TOTAL_SECS) used up"
                echo "RESULT target=$s n=$n codec=$CODEC failed=skipped_time_budget" >> "$RESULTS"
                continue
            fi
            "run_$s" "$n"
            sleep 2
        done
    done
    report | tee "$RUN_DIR/report.txt"
}

main "$@"; exit  # nothing after this line is read: editing the file during a run is safe
