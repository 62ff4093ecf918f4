#!/usr/bin/env bash
# The same checks for any CI system: build outreach, fail when the committed
# materials are stale or the content is broken, then generate the materials
# and leave a JSON report next to them.
#
#   Examples/ci/check-materials.sh [MANIFEST]
#
# Or, in a package that depends on outreach, through the command plugin:
#   swift package --allow-writing-to-package-directory generate-outreach --check
set -euo pipefail
cd "$(dirname "$0")/../.."
manifest="${1:-Examples/blue-campaign/outreach.yml}"

Scripts/setup                                   # installs libcmark-dev when it is missing
swift build -c release --product outreach

status=0
.build/release/outreach generate "$manifest" --check || status=$?
.build/release/outreach generate "$manifest" --quiet --report json > outreach-report.json
exit "$status"
