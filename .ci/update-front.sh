#!/usr/bin/env bash
# The front's update as a plain script, for cron on a newsroom machine: DeepState's map of the day
# into geodata/front/, the build's checks, the build, and a commit only when geodata/ changed.
# Opt-in: nothing runs it unless a newsroom adds it to its crontab, having checked its own terms
# with DeepState (DeepStateMap.live License Agreement, https://deepstatemap.live/license-en.html).
#
#   # every day at 07:00, Kyiv (DeepState publishes its map about daily)
#   0 7 * * * cd /srv/atlas && .ci/update-front.sh >> /var/log/atlas-update.log 2>&1
#
# UPDATE_ARGS: options for `npm run update` (the default source is DeepState's API; for the public
# mirror: UPDATE_ARGS="--mirror-commit <sha> --date 2026-10-11"). PUSH=1 pushes the commit.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci
# shellcheck disable=SC2086 # UPDATE_ARGS is a list of options
npm run update -- ${UPDATE_ARGS:-}
npm run layer -- check
npm run build

if [ -z "$(git status --porcelain geodata)" ]; then
	echo "geodata/ unchanged: nothing to commit"
	exit 0
fi
latest=$(node -e "const v = require('./geodata/front/versions.json'); console.log(v[v.length - 1].asOf)")
git add geodata
git commit -m "geodata: front to ${latest} (npm run update)"
if [ "${PUSH:-0}" = 1 ]; then git push; fi
