#!/usr/bin/env bash
#
# Does a big directory slow the registrar down? For each size in SIZES (default 100, then
# 20,000) this starts a fresh GovTel, imports that many extensions with one CSV import through
# the REST API (timed), and measures REGISTER-with-digest throughput over all of them with SIPp
# at stepped rates: bench/sip/run.sh with SERVERS=govtel SCENARIOS=reg (same scenario, same
# pass rule: 0 failed registrations and >= 95 % of the offered rate). Prints, per size, the import
# time and the highest passing rate, and the large/small ratio the issue asks to stay >= 0.90.
#
# ROUNDS (default 2) repeats the sizes in turn (100, 20000, 100, 20000): runs on this 2-core
# machine vary by about 20 %, so each size is reported with all its runs and compared by the
# lower and the higher of them.
#
# Usage:  bench/provisioning/directory-size.sh
#         SIZES="100 5000 20000" REG_RATES="2000 4000 6000" bench/provisioning/directory-size.sh
#         BUILD=1 bench/provisioning/directory-size.sh      (build app/target/govtel.jar first)
#
# bench/sip/run.sh takes /tmp/govtel-heavy.lock for each of its runs; do not wrap this script in
# that lock. Logs of each run stay in the directory printed at the end.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIZES=${SIZES:-"100 20000"}
# Fine steps around the figures seen on this machine, so a 10 % difference shows.
REG_RATES=${REG_RATES:-"2000 3000 3500 4000 4500 5000 5500 6000 6500 7000 7500 8000 9000 10000"}
ROUNDS=${ROUNDS:-2}
STEP_SECS=${STEP_SECS:-15}
OUT=${OUT:-$(mktemp -d /tmp/govtel-directory-size.XXXXXX)}
BUILD=${BUILD:-0}

declare -A import_secs rates
first=1
for ((round = 1; round <= ROUNDS; round++)); do
    for n in $SIZES; do
        dir=$OUT/size-$n-round-$round
        mkdir -p "$dir"
        echo "[$(date +%H:%M:%S)] round $round, directory of $n extensions: run in $dir" >&2
        # One registering SIPp user per extension in the directory; one callee (unused by reg).
        build=0
        if ((first)); then build=$BUILD; first=0; fi
        RUN_DIR=$dir SERVERS=govtel SCENARIOS=reg CALLERS=$n CALLEES=1 REG_RATES="$REG_RATES" \
            STEP_SECS=$STEP_SECS BUILD=$build "$HERE/../sip/run.sh" > "$dir/report.txt" 2> "$dir/run.log" ||
            { echo "bench/sip/run.sh failed for $n extensions; see $dir/run.log" >&2; tail -20 "$dir/run.log" >&2; exit 1; }
        secs=$(sed -n 's/.*govtel: imported [0-9]* extensions by CSV in \([0-9.]*\) s.*/\1/p' "$dir/run.log" | tail -1)
        rate=$(awk '$1 == "govtel" && $2 == "reg" && $13 == "yes" && $3 > b { b = $3 } END { print b + 0 }' "$dir/results.txt")
        import_secs[$n]="${import_secs[$n]:+${import_secs[$n]}, }$secs s"
        rates[$n]="${rates[$n]:+${rates[$n]} }$rate"
        echo "[$(date +%H:%M:%S)] $n extensions: CSV import $secs s, REGISTER $rate/s" >&2
    done
done

read -r -a sizes <<< "$SIZES"
small=${sizes[0]} large=${sizes[${#sizes[@]} - 1]}
lowest() { tr ' ' '\n' <<< "$1" | sort -n | head -1; }
highest() { tr ' ' '\n' <<< "$1" | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "----- markdown for docs/benchmarks.md -----"
echo "| extensions in the directory | CSV import (one request, each run) | REGISTER with digest, highest passing rate (each run) |"
echo "|---|---|---|"
for n in $SIZES; do
    echo "| $n | ${import_secs[$n]} | $(sed 's/ /, /g' <<< "${rates[$n]}") /s |"
done
echo
echo "REGISTER throughput with $large extensions / with $small: $(ratio "$(lowest "${rates[$large]}")" "$(highest "${rates[$small]}")")"
echo "(worst large run / best small run) to $(ratio "$(highest "${rates[$large]}")" "$(lowest "${rates[$small]}")") (best / worst); the target is >= 0.90."
echo "Command: \`ROUNDS=$ROUNDS SIZES=\"$SIZES\" REG_RATES=\"$REG_RATES\" STEP_SECS=$STEP_SECS bench/provisioning/directory-size.sh\`"
echo "----- end of markdown -----"
echo "logs: $OUT" >&2
