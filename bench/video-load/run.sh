#!/usr/bin/env bash
#
# Video forwarding under load: COUNTS synthetic venues (bench/video-load, VideoLoadDriver) join one
# meeting on a GovTel started here on 127.0.0.1, each sending VP8-shaped RTP at BITRATE bit/s and
# FPS frames/s over real ICE/DTLS-SRTP, each receiving what the SFU forwards. Prints, per count,
# the forwarded streams, packets/s, GovTel's CPU per forwarded stream and the forwarding latency
# (p50/p99, send-stamp to receive on the same host).
#
# Janus VideoRoom with the same load, side by side, is still to be written (issue 5).
#
# Usage:  bench/video-load/run.sh                 COUNTS="5 10 20" BITRATE=800000 FPS=30 SECONDS=15
#         BUILD=1 bench/video-load/run.sh         (builds the app jar and this module first)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COUNTS=${COUNTS:-"5 10 20"}
BITRATE=${BITRATE:-800000}
FPS=${FPS:-30}
SECONDS_MEASURED=${SECONDS:-15}
RUN_DIR=$(mktemp -d /tmp/govtel-video-load.XXXXXX)
source "$ROOT/bench/lib/processes.sh"

if [[ ${BUILD:-0} == 1 ]]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests install && cd bench/video-load && ../../mvnw -B -q package)
fi
[[ -f $ROOT/app/target/govtel.jar && -f $HERE/target/video-load.jar ]] || die "build first (BUILD=1)"

for n in $COUNTS; do
    data="$RUN_DIR/data-$n"
    http=$((18080 + n))
    sip=$((25060 + 4 * n))
    java -Xmx1g -jar "$ROOT/app/target/govtel.jar" --govtel.data-dir="$data" --govtel.sip.address=127.0.0.1 \
        --govtel.sip.port=$sip --server.address=127.0.0.1 --server.port=$http --govtel.web.https-port=-1 \
        >"$RUN_DIR/govtel-$n.log" 2>&1 &
    server=$!
    STARTED_PIDS+=($server)
    for ((i = 0; i < 120; i++)); do
        curl -sf "http://127.0.0.1:$http/meet/880001" >/dev/null 2>&1 && break
        sleep 1
    done
    IFS=, read -r room _ moderator_pin _ < <(sed -n 2p "$data/demo-rooms.csv")
    log "$n venues, $BITRATE bit/s at $FPS frames/s each"
    java -cp "$HERE/target/video-load.jar" org.govtel.bench.video.VideoLoadDriver "ws://127.0.0.1:$http/meet/signal" "$room" "$moderator_pin" "$n" \
        "$SECONDS_MEASURED" "$BITRATE" "$FPS" "$server" | tee -a "$RUN_DIR/results.txt"
    stop_pid "$server"
    forget_pid "$server"
done
log "results in $RUN_DIR/results.txt"
