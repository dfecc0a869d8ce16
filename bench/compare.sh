#!/usr/bin/env bash
# Wharf against ElasticMQ (and Wharf's other storage modes), every SQS scenario, ratios at the end:
#   bench/compare.sh [compare options]        e.g. --targets wharf,elasticmq --duration 10 --rounds 3
# The same as bin/wharf-bench compare; see bin/wharf-bench compare --help.
set -euo pipefail
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../bin/wharf-bench" compare "$@"
