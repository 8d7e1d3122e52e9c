#!/usr/bin/env bash
#
# Video forwarding under load, GovTel and Janus VideoRoom side by side: for each count in COUNTS
# and each server in SERVERS, a fresh server is started on 127.0.0.1 and COUNTS synthetic venues
# (bench/video-load, VideoLoadDriver) join one meeting over real ICE and DTLS-SRTP, each sending
# VP8-shaped RTP as three simulcast layers (RIDs l/m/h, the top at BITRATE bit/s) at FPS frames/s
# and receiving the one stream it watches (counties the
# chair, the chair the first county). Prints, per run, the forwarded streams, packets/s, the
# server's CPU per forwarded stream and the forwarding latency (p50/p99, send stamp to receipt on
# the same host).
#
#   GovTel: app/target/govtel.jar on its embedded defaults, venues join through /meet/signal.
#   Janus:  Debian janus 1.1.2, only the VideoRoom plugin and the HTTP transport on
#           127.0.0.1:$JANUS_HTTP_PORT, ICE-lite (as GovTel); a VP8 room created over the HTTP API;
#           each venue publishes on one PeerConnection and subscribes on another. Janus's ICE
#           never offers a loopback candidate, so Janus and its driver run in a network namespace
#           this script makes (loopback + a veth pair inside it, 10.77.0.1/24, nothing routed out; root
#           needed) and Janus's candidates are on the dummy interface; GovTel runs on the host's
#           loopback. Both are local delivery in the same kernel.
#
# Usage:  bench/video-load/run.sh                 COUNTS="5 10 20" BITRATE=900000 FPS=30 SECONDS=15 WARMUP=20
#         SIMULCAST=false bench/video-load/run.sh (one stream per venue instead of three layers)
#         SERVERS=govtel bench/video-load/run.sh
#         BUILD=1 bench/video-load/run.sh         (builds the app jar and this module first)
# Takes /tmp/govtel-heavy.lock for the whole run. Every process it starts is stopped by its PID.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COUNTS=${COUNTS:-"5 10 20"}
SERVERS=${SERVERS:-"janus govtel"}
BITRATE=${BITRATE:-900000}     # the top simulcast layer (l and m at 1/6 and 4/9 of it), or the one stream
SIMULCAST=${SIMULCAST:-true}   # three layers per venue as the meeting page sends; false: one stream
FPS=${FPS:-30}
SECONDS_MEASURED=${SECONDS:-15}
WARMUP=${WARMUP:-20}            # seconds of load before measuring (GovTel's JIT compiles its hot paths)
JANUS_HTTP_PORT=${JANUS_HTTP_PORT:-8088}
JANUS_LIB=${JANUS_LIB:-/usr/lib/x86_64-linux-gnu/janus}
LOCK=${BENCH_LOCK:-/tmp/govtel-heavy.lock}
RUN_DIR=$(mktemp -d /tmp/govtel-video-load.XXXXXX)
JAR=$HERE/target/video-load.jar
# shellcheck source=../lib/processes.sh
source "$ROOT/bench/lib/processes.sh"
# shellcheck source=../lib/janus.sh
source "$ROOT/bench/lib/janus.sh"

driver() { # TARGET URL ROOM PIN N PID
    # shellcheck disable=SC2086
    ${NS:-} timeout -k 5 $((SECONDS_MEASURED + WARMUP + 120)) java -Dbench.warmup.seconds="$WARMUP" -Dbench.simulcast="$SIMULCAST" ${DRIVER_OPTS:-} -cp "$JAR" org.govtel.bench.video.VideoLoadDriver "$1" "$2" "$3" "$4" \
        "$5" "$SECONDS_MEASURED" "$BITRATE" "$FPS" "$6" 9>&- | tee -a "$RUN_DIR/results.txt" || log "$1 with $5 venues: driver failed"
}

run_govtel() { # N
    local n=$1 data="$RUN_DIR/govtel-$1" http=$((18080 + $1)) sip=$((25060 + 4 * $1)) server room moderator_pin i
    java -Xmx1g -jar "$ROOT/app/target/govtel.jar" --govtel.data-dir="$data" --govtel.sip.address=127.0.0.1 \
        --govtel.sip.port=$sip --server.address=127.0.0.1 --server.port=$http --govtel.web.https-port=-1 \
        >"$RUN_DIR/govtel-$n.log" 2>&1 9>&- &
    server=$!
    STARTED_PIDS+=($server)
    for ((i = 0; i < 120; i++)); do
        curl -sf "http://127.0.0.1:$http/meet/880001" >/dev/null 2>&1 && break
        sleep 1
    done
    IFS=, read -r room _ moderator_pin _ < <(sed -n 2p "$data/demo-rooms.csv")
    driver govtel "ws://127.0.0.1:$http/meet/signal" "$room" "$moderator_pin" "$n" "$server"
    stop_pid "$server"
    forget_pid "$server"
}

NETNS=""
make_netns() {
    NETNS=govtel-janus-$$
    ip netns add "$NETNS"
    ip -n "$NETNS" link set lo up
    ip -n "$NETNS" link add bench0 type veth peer name bench1
    ip -n "$NETNS" link set bench1 up
    ip -n "$NETNS" addr add 10.77.0.1/24 dev bench0
    ip -n "$NETNS" link set bench0 up
}

on_exit() { # stop what we started, then remove the namespace it ran in
    local rc=$? pid
    for pid in "${STARTED_PIDS[@]}"; do
        stop_pid "$pid"
    done
    STARTED_PIDS=()
    [[ -n $NETNS ]] && ip netns delete "$NETNS" 2>/dev/null
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

run_janus() { # N
    local n=$1 dir="$RUN_DIR/janus-$1" server i
    mkdir -p "$dir"
    [[ -n $NETNS ]] || make_netns
    write_janus_config "$dir" libjanus_videoroom.so "ice_lite = true"
    sed -i 's/ice_enforce_list = .*/ice_enforce_list = "bench0"/' "$dir/janus.jcfg"
    cat > "$dir/janus.plugin.videoroom.jcfg" <<CFG
general: {
	events = false
}
CFG
    ip netns exec "$NETNS" janus -F "$dir" -C "$dir/janus.jcfg" -o > "$dir/janus.log" 2>&1 9>&- &
    server=$!
    STARTED_PIDS+=($server)
    for ((i = 0; i < 150; i++)); do
        ip netns exec "$NETNS" curl -sf "http://127.0.0.1:$JANUS_HTTP_PORT/janus/info" > /dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { tail -n 20 "$dir/janus.log" >&2; die "janus did not start"; }
        sleep 0.2
    done
    NS="ip netns exec $NETNS" DRIVER_OPTS=-Dbench.bind=10.77.0.1 driver janus "http://127.0.0.1:$JANUS_HTTP_PORT/janus" - - "$n" "$server"
    stop_pid "$server"
    forget_pid "$server"
}

if [[ " $SERVERS " == *" janus "* ]]; then
    [[ $(id -u) -eq 0 ]] || die "the Janus run needs root (its network namespace)"
    install_janus
fi
exec 9>> "$LOCK"
flock -w 3600 9 || die "could not take $LOCK"
if [[ ${BUILD:-0} == 1 ]]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests install 9>&- && cd bench/video-load && ../../mvnw -B -q package 9>&-)
fi
[[ -f $ROOT/app/target/govtel.jar && -f $JAR ]] || die "build first (BUILD=1)"

for n in $COUNTS; do
    for s in $SERVERS; do
        log "$s: $n venues, $BITRATE bit/s at $FPS frames/s each"
        "run_$s" "$n"
    done
done
log "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); janus $(dpkg-query -W -f='${Version}' janus 2>/dev/null || echo -)"
log "results in $RUN_DIR/results.txt"
