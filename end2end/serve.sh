#!/usr/bin/env bash
# The servers the browser tests run against, all on one throw-away store:
#   :PORT    the demo shop (seeded from the bundled data), its own widget API upstream
#   :PORT+1  the same storefront, asking cross-sell of a shop with no products on
#            :PORT, whose API answers 204 for every cart
#   :PORT+2  the same storefront, with its upstream stopped (nothing listens there)
#   :PORT+3  the example host shop (examples/host-page), another origin, embedding the
#            widget from :PORT with a widget token of the demo shop; the demo shop
#            allows this origin (and no other)
# Writes DIR/keys.json with the demo shop's admin key, for reading events back, and
# DIR/sim-keys.json with the admin key of a shop filled by `cartlift simulate`.
set -euo pipefail
bin=$1 port=$2 dir=$3
export CARTLIFT_DB="sqlite://$dir/e2e.db"
# Every browser of the suite calls from 127.0.0.1: as one address they would pass a
# shopper's rate limit (tests/operations.rs checks the limits themselves).
export CARTLIFT_RATE_PER_ADDRESS=1000
# The store's folder (about 100 MB) goes with the servers.
trap 'kill $(jobs -p) 2>/dev/null || true; wait; case $dir in */cartlift-e2e-*) rm -rf "$dir" ;; esac' EXIT INT TERM

up() { for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$1/${2-readyz}" && return 0; sleep 0.2; done; echo "server on :$1 did not start" >&2; exit 1; }

# A simulated experiment for the lift report's page (a shop of its own, "sim"): later
# orders replayed as visitors of the storefront of a server the command starts; first,
# so its report is complete when the tests start.
"$bin" simulate --shop sim --visitors 160 >"$dir/simulate.txt"
"$bin" shop token sim --label e2e --admin >"$dir/sim-keys.json"

"$bin" serve --seed-demo --addr "127.0.0.1:$port" &
up "$port"
"$bin" shop token demo --label e2e --admin >"$dir/keys.json"
# Every browser test shopper gets the engine: no holdout (its arms are tested in
# tests/experiment.rs), so no test lands in the control arm by its random cart id.
"$bin" shop update demo --treatment-share 1 >/dev/null
empty=$("$bin" shop create empty --name "No orders yet" | python3 -c 'import json,sys; print(json.load(sys.stdin)["widgetToken"])')

CARTLIFT_API_BASE_URL="http://127.0.0.1:$port" CARTLIFT_WIDGET_TOKEN="$empty" "$bin" serve --addr "127.0.0.1:$((port + 1))" &
up $((port + 1))
CARTLIFT_API_BASE_URL="http://127.0.0.1:9" CARTLIFT_WIDGET_TOKEN="$empty" "$bin" serve --addr "127.0.0.1:$((port + 2))" &
up $((port + 2))
host_token=$("$bin" shop token demo --label host-page | python3 -c 'import json,sys; print(json.load(sys.stdin)["widgetToken"])')
"$bin" shop update demo --allowed-origin "http://127.0.0.1:$((port + 3))" >/dev/null
node "$(dirname "$0")/../examples/host-page/server.mjs" --port $((port + 3)) --cartlift "http://127.0.0.1:$port" --token "$host_token" &
up $((port + 3)) ""
echo "$host_token" >"$dir/host-token"
echo "e2e servers ready on :$port, :$((port + 1)), :$((port + 2)), :$((port + 3))"
wait -n
