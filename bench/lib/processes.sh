# Shared by the benchmark scripts (sourced, not run): logging, and stopping on exit every process
# the script started, by its PID only. The sourcing script sets RUN_DIR (named in the exit message)
# and adds each PID it starts to STARTED_PIDS.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

STARTED_PIDS=()

# True when a socket has local PORT (IPv4, or IPv6 as the JVM uses even for 127.0.0.1): for tcp a
# listening one, for udp any bound one.
port_bound() { # tcp|udp PORT
    local hex state=""
    hex=$(printf '%04X' "$2")
    [[ $1 == tcp ]] && state=0A
    awk -v p=":$hex" -v st="$state" 'FNR > 1 && substr($2, length($2) - 4) == p && (st == "" || $4 == st) { found = 1 }
        END { exit !found }' "/proc/net/$1" "/proc/net/${1}6" 2>/dev/null
}

wait_port() { # tcp|udp PORT SECONDS PID: until PORT is bound, or PID ends, or SECONDS pass
    local proto=$1 port=$2 secs=$3 pid=$4 i
    for ((i = 0; i < secs * 5; i++)); do
        port_bound "$proto" "$port" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# Stops one process we started: TERM, up to 15 s, then KILL.
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "PID $pid still alive after TERM; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

forget_pid() {
    local pid=$1 kept=() p
    for p in "${STARTED_PIDS[@]}"; do
        [[ $p == "$pid" ]] || kept+=("$p")
    done
    STARTED_PIDS=("${kept[@]}")
}

cleanup() {
    local rc=$? pid
    trap - EXIT
    for pid in "${STARTED_PIDS[@]}"; do
        stop_pid "$pid"
    done
    [[ $rc -ne 0 ]] && log "exit $rc; logs in $RUN_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
