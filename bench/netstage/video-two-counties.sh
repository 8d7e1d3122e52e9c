#!/bin/bash
# A two-county video meeting on the simulated prefecture network (../shared/netstage): GovTel in the
# seat namespace, the main venue's browser at the seat, one kiosk browser in each county behind a
# 2 Mbit/s leased circuit (15 ms each way), and a county desk phone in the same meeting (G.711 A-law
# over the same circuit). Measures what circuit 1 carries and whether its shaper drops anything,
# checks that both counties keep decoding, busies circuit 1 with other traffic (county 1 should get
# a smaller layer, then the larger one back), then cuts circuit 1 and restores it: county 1 must leave
# the roster within seconds and its kiosk must come back by itself.
#
# Needs root, iproute2, Debian's chromium and sip-tester, python3, bc, curl, and app/target/govtel.jar
# (./mvnw -B -DskipTests package). Usage: bench/netstage/video-two-counties.sh [SECONDS]
#
# CHECK=1 makes it the test the app's NetstageMeetingIT runs in CI: no busy-circuit phase, and it
# fails (exit 1) unless circuit 1's shaper dropped nothing while video and the phone crossed it,
# both counties decoded at least MIN_FPS frames/s meanwhile, county 1 left the roster within
# CUT_LIMIT seconds of the cut and was decoding again within RESTORE_LIMIT seconds of the
# restore; with LOSS above 0 %, also unless packets lost on county 1's uplink were asked for and
# repaired at the seat and county 1's browser received retransmissions of what it lost. It prints
# PASS at the end.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NETSTAGE=${NETSTAGE:-$(cd "$ROOT/../shared/netstage" 2>/dev/null && pwd)/netstage.sh}
PREFIX=gtv
SECONDS_MEASURED=${1:-20}
LOSS=${LOSS:-0%}            # random loss on every circuit, each way (netstage --loss): NACK/RTX at work
RUN_DIR=$(mktemp -d /tmp/govtel-netstage.XXXXXX)
JAR=$ROOT/app/target/govtel.jar
SEAT_IP=198.18.0.1
CHECK=${CHECK:-0}
MIN_FPS=${MIN_FPS:-10}
CUT_LIMIT=${CUT_LIMIT:-30}
RESTORE_LIMIT=${RESTORE_LIMIT:-60}
source "$ROOT/bench/lib/processes.sh"

[[ $(id -u) == 0 ]] || die "needs root (network namespaces, tc)"
[[ -x $NETSTAGE ]] || die "netstage not found (set NETSTAGE=/path/to/netstage.sh)"
[[ -f $JAR ]] || die "build first: ./mvnw -B -DskipTests package"
for tool in chromium sipp curl python3 bc ip tc; do command -v "$tool" >/dev/null || die "$tool is missing"; done

finish() {
    local rc=$? pid
    trap - EXIT
    for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
    timeout 60 "$NETSTAGE" down --prefix "$PREFIX" >/dev/null 2>&1 || true
    [[ $rc -ne 0 ]] && log "exit $rc; logs in $RUN_DIR"
    exit "$rc"
}
trap finish EXIT
trap 'exit 143' TERM INT # so that the EXIT trap stops what was started

in_ns() { local ns=$1; shift; ip netns exec "$PREFIX-$ns" "$@"; }

log "network: 2 counties, 2 Mbit/s, 15 ms, 100 ms queue, $LOSS loss"
timeout 60 "$NETSTAGE" down --prefix "$PREFIX" >/dev/null 2>&1 || true
timeout 60 "$NETSTAGE" up --counties 2 --rate 2mbit --delay 15ms --queue 100ms --loss "$LOSS" --prefix "$PREFIX" \
    >"$RUN_DIR/netstage-up.log" 2>&1 || die "netstage up failed (see $RUN_DIR/netstage-up.log)"

log "GovTel in the seat on $SEAT_IP"
in_ns seat java -Xmx1g -jar "$JAR" --govtel.data-dir="$RUN_DIR/data" --govtel.sip.address=$SEAT_IP \
    --server.address=$SEAT_IP --server.port=8080 >"$RUN_DIR/govtel.log" 2>&1 &
STARTED_PIDS+=($!)
for ((i = 0; i < 120; i++)); do
    in_ns seat curl -skf "https://$SEAT_IP:8443/meet/880001" >/dev/null 2>&1 && break
    sleep 1
done
in_ns seat curl -skf "https://$SEAT_IP:8443/meet/880001" >/dev/null || die "GovTel did not start"
IFS=, read -r ROOM PIN MODERATOR_PIN _ < <(sed -n 2p "$RUN_DIR/data/demo-rooms.csv")
ADMIN_PASSWORD=$(cat "$RUN_DIR/data/initial-admin-password")
IFS=, read -r PHONE PHONE_PASSWORD _ < <(sed -n 2p "$RUN_DIR/data/demo-extensions.csv")

rooms_json() { in_ns seat curl -sk -u "admin:$ADMIN_PASSWORD" "https://$SEAT_IP:8443/api/video/rooms"; }
# frames decoded as last reported by VENUE's page ("" when the venue is not in the meeting)
frames() {
    rooms_json | python3 -c '
import json, sys
for room in json.load(sys.stdin):
    for v in room["venues"]:
        if v["venue"] == sys.argv[1]:
            print(v["framesDecoded"] or 0)' "$1"
}

browser() { # NS NAME VENUE EXTRA
    local ns=$1 name=$2 venue=$3 extra=$4
    local profile="$RUN_DIR/chromium-$ns"
    mkdir -p "$profile"
    in_ns "$ns" chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --no-pings \
        --disable-default-apps --disable-extensions --metrics-recording-only \
        --disable-client-side-phishing-detection --disable-field-trial-config \
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE $SEAT_IP" \
        --disable-features=OptimizationHints,OptimizationHintsFetching,NetworkTimeServiceQuerying,MediaRouter,DialMediaRouteProvider,Translate,CertificateTransparencyComponentUpdater,AutofillServerCommunication,WebRtcHideLocalIpsWithMdns \
        --use-fake-device-for-media-stream --use-fake-ui-for-media-stream --autoplay-policy=no-user-gesture-required \
        --ignore-certificate-errors --user-data-dir="$profile" --remote-debugging-port=0 \
        "https://$SEAT_IP:8443/meet/$ROOM?lang=zh&autojoin=1&name=$name&venue=$venue$extra" \
        >"$RUN_DIR/chromium-$ns.log" 2>&1 &
    STARTED_PIDS+=($!)
}

log "browsers: main venue at the seat (chair), one kiosk per county"
browser seat "伊犁州" "主会场" "&chair=$MODERATOR_PIN"
browser c1 "霍城县" "霍城县会议室" ""
browser c2 "察布查尔县" "察布查尔县会议室" ""

wait_until() { # SECONDS COMMAND...: polls every 0.5 s; prints the seconds it took
    local limit=$1 start now
    shift
    start=$(date +%s.%N)
    while ! "$@"; do
        now=$(date +%s.%N)
        if (($(echo "$now - $start > $limit" | bc))); then return 1; fi
        sleep 0.5
    done
    echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f'
}
decoding() { local f; f=$(frames "$1"); [[ -n $f && $f -gt 30 ]]; }
absent() { [[ -z $(frames "$1") ]]; }

wait_until 90 decoding "霍城县会议室" >/dev/null || die "county 1 never decoded video"
wait_until 60 decoding "察布查尔县会议室" >/dev/null || die "county 2 never decoded video"
log "all venues decode; a county phone ($PHONE) dials $ROOM and types the PIN as SIP INFO"

PIN_INFOS=""
cseq=3
for digit in $(echo "$PIN#" | grep -o .); do
    PIN_INFOS+="  <send retrans=\"500\"><![CDATA[
      INFO [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      Max-Forwards: 70
      From: \"County phone\" <sip:[service]@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: $cseq INFO
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=$digit
      Duration=160
    ]]></send>
  <recv response=\"200\"/>
  <pause milliseconds=\"200\"/>
"
    cseq=$((cseq + 1))
done
rounds=$(((SECONDS_MEASURED + 30) / 8 + 1))
python3 - "$HERE/county_phone.xml" "$RUN_DIR/county_phone.xml" "$ROOM" "$rounds" "$PIN_INFOS" <<'PY'
import sys
src, dst, room, rounds, infos = sys.argv[1:]
text = open(src, encoding="iso-8859-1").read()
text = text.replace("@PIN_INFOS@", infos).replace("@ROOM@", room).replace("@TALK_ROUNDS@", rounds)
open(dst, "w", encoding="iso-8859-1").write(text)
PY
(cd "$RUN_DIR" && in_ns c1 timeout $((SECONDS_MEASURED + 120)) sipp -sf county_phone.xml -m 1 -i 198.18.1.2 \
    -p 5070 -mi 198.18.1.2 -mp 16000 -s "$PHONE" -au "$PHONE" -ap "$PHONE_PASSWORD" -trace_err \
    "$SEAT_IP:5060" >"$RUN_DIR/sipp.log" 2>&1) &
PHONE_PID=$!
STARTED_PIDS+=($PHONE_PID)
sleep 8 # INVITE, challenge, PIN

frames1_before=$(frames "霍城县会议室"); frames2_before=$(frames "察布查尔县会议室")
log "measuring circuit 1 for $SECONDS_MEASURED s (video both ways, the phone's G.711)"
timeout $((SECONDS_MEASURED + 30)) "$NETSTAGE" measure 1 "$SECONDS_MEASURED" --prefix "$PREFIX" | tee "$RUN_DIR/measure.txt"
frames1_after=$(frames "霍城县会议室"); frames2_after=$(frames "察布查尔县会议室")
timeout 30 "$NETSTAGE" status --prefix "$PREFIX" >"$RUN_DIR/status.txt" 2>&1 || true
fps1=$(echo "($frames1_after - $frames1_before) / $SECONDS_MEASURED" | bc -l | xargs printf '%.1f')
fps2=$(echo "($frames2_after - $frames2_before) / $SECONDS_MEASURED" | bc -l | xargs printf '%.1f')
echo "county 1 decoded $fps1 frames/s, county 2 $fps2 frames/s while the phone talked"
grep -i "drop" "$RUN_DIR/status.txt" | sed 's/^ */  /' || true
if [[ $CHECK == 1 ]]; then
    [[ $(grep -c "shaper drops 0$" "$RUN_DIR/measure.txt") == 2 ]] \
        || die "circuit 1's shaper dropped packets while video and the phone crossed it"
    for fps in "$fps1" "$fps2"; do
        (($(echo "$fps >= $MIN_FPS" | bc))) || die "a county decoded only $fps frames/s (at least $MIN_FPS expected)"
    done
    if [[ $LOSS != 0% ]]; then
        read -r up_repaired down_retransmitted < <(rooms_json | python3 -c '
import json, sys
for room in json.load(sys.stdin):
    for v in room["venues"]:
        if v["venue"] == sys.argv[1]:
            print(v["uplinkRepaired"], v["retransmittedPacketsReceived"] or 0)' "霍城县会议室")
        ((up_repaired > 0)) || die "no packet lost on county 1's uplink was repaired (NACK/RTX upstream)"
        ((down_retransmitted > 0)) || die "county 1's browser received no retransmission (NACK/RTX downstream)"
    fi
fi
rooms_json | python3 -c '
import json, sys
for room in json.load(sys.stdin):
    for v in room["venues"]:
        print("  %-10s decodes %s px wide; sends layers %s kbit/s (its estimate %s kbit/s, limited by %s);"
              " estimates %.0f kbit/s receivable (REMB)"
              % (v["venue"], v["frameWidth"], "/".join(str(r // 1000) for r in v["layerBitrates"]),
                 (v["availableOutgoingBitrate"] or 0) // 1000, v["qualityLimitation"],
                 (v["receiveEstimate"] or 0) / 1000))
        print("  %-10s repair: camera packets asked for again %d, repaired %d; resent to it %d;"
              " its browser NACKed %s, got %s retransmitted"
              % (v["venue"], v["uplinkNacked"], v["uplinkRepaired"], v["retransmittedToIt"],
                 v["nackCount"], v["retransmittedPacketsReceived"]))'

# The circuit gets busy: other traffic fills what video and the phone leave (a file transfer, a
# second call). County 1's browser's receive-side estimate should fall, GovTel should send it a
# smaller layer, and give it the larger one again after the traffic stops.
width() { # the frame width VENUE's page last reported
    rooms_json | python3 -c '
import json, sys
for room in json.load(sys.stdin):
    for v in room["venues"]:
        if v["venue"] == sys.argv[1]:
            print(v["frameWidth"] or 0)' "$1"
}
narrower() { local w; w=$(width "$1"); [[ -n $w && $w -gt 0 && $w -lt $2 ]]; }
at_least() { local w; w=$(width "$1"); [[ -n $w && $w -ge $2 ]]; }
FLOOD_SECONDS=${FLOOD_SECONDS:-25}
if [[ $CHECK == 1 ]]; then FLOOD_SECONDS=0; fi
busy_circuit() {
wide=$(width "霍城县会议室")
log "busying circuit 1 toward county 1 with 1.9 Mbit/s of other UDP traffic for $FLOOD_SECONDS s (county 1 decodes $wide px)"
in_ns c1 timeout $((FLOOD_SECONDS + 20)) python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.18.1.2", 5999))
s.settimeout(10)
try:
    while True:
        s.recv(2048)
except OSError:
    pass' &
STARTED_PIDS+=($!)
in_ns seat timeout $((FLOOD_SECONDS + 5)) python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
size, rate = 1000, 1_900_000
gap, end = size * 8 / rate, time.time() + float(sys.argv[1])
due = time.time()
while time.time() < end:
    s.sendto(b"x" * size, ("198.18.1.2", 5999))
    due += gap
    time.sleep(max(0.0, due - time.time()))' "$FLOOD_SECONDS" &
flood=$!
STARTED_PIDS+=($flood)
if fell=$(wait_until "$FLOOD_SECONDS" narrower "霍城县会议室" "$wide"); then
    echo "county 1 was switched to a smaller layer ($(width "霍城县会议室") px) ${fell} s into the busy period"
else
    echo "county 1 kept $wide px through the busy period"
fi
rooms_json | python3 -c '
import json, sys
for room in json.load(sys.stdin):
    for v in room["venues"]:
        if v["venue"] == sys.argv[1]:
            print("  county 1 estimates %.0f kbit/s receivable (REMB) while busy" % ((v["receiveEstimate"] or 0) / 1000))' "霍城县会议室"
wait "$flood" 2>/dev/null || true
forget_pid "$flood"
if back=$(wait_until 90 at_least "霍城县会议室" "$wide"); then
    echo "county 1 decoded $wide px again ${back} s after the busy period"
else
    echo "county 1 did not get $wide px back within 90 s after the busy period"
fi
}
if ((FLOOD_SECONDS > 0)); then busy_circuit; fi

log "cutting circuit 1"
timeout 30 "$NETSTAGE" cut 1 --prefix "$PREFIX" >/dev/null
gone=$(wait_until "$CUT_LIMIT" absent "霍城县会议室") || die "county 1 stayed in the roster for $CUT_LIMIT s after the cut"
echo "county 1 left the roster ${gone} s after its circuit was cut"
sleep 5
timeout 30 "$NETSTAGE" restore 1 --prefix "$PREFIX" >/dev/null
back=$(wait_until "$RESTORE_LIMIT" decoding "霍城县会议室") || die "county 1's kiosk did not come back within $RESTORE_LIMIT s"
echo "county 1's kiosk was back and decoding ${back} s after the circuit was restored"
wait "$PHONE_PID" 2>/dev/null || log "the phone's call did not end cleanly (see $RUN_DIR/sipp.log)"
forget_pid "$PHONE_PID"
log "done; logs in $RUN_DIR"
if [[ $CHECK == 1 ]]; then echo PASS; fi
