#!/usr/bin/env bash
# Three scripts polling one fresh workspace, each starting its next short command as the last ends
# (issue 10's "a script polling runs list"). Prints how many of the 36 commands failed.
# usage: docs/bench/lock-stress.sh [CHECKOUT (default .)] [LABEL]; needs CHECKOUT/target/app (mvn -DskipTests package)
set -u
APP="${1:-.}/target/app/rag-workbench"; L="${2:-run}"
W="$(mktemp -d)/ws"; LOGS="$(mktemp -d)"
for s in 1 2 3; do
  ( for i in $(seq 1 12); do
      if [ $((i % 2)) = 0 ]; then c=(indexes list); else c=(runs list --json); fi
      "$APP" "${c[@]}" --workspace "$W" > "$LOGS/$s-$i.out" 2>&1; echo "$s $i $?" >> "$LOGS/rc"
    done ) &
done
wait
echo "$L: $(awk '$3!=0' "$LOGS/rc" | wc -l) failed of $(wc -l < "$LOGS/rc") (logs in $LOGS)"
grep -h "^error" "$LOGS"/*.out | sort | uniq -c
