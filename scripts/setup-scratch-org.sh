#!/usr/bin/env bash
# Creates a scratch org for Partner Lead Sync, deploys the package source, assigns the
# permission sets to the admin user and loads the sample data.
#
#   scripts/setup-scratch-org.sh [alias] [duration-days]
#
# Needs a Dev Hub you are logged in to (sf org login web --set-default-dev-hub), or set
# DEV_HUB to its alias. Uses the repository's own Salesforce CLI (npm ci installs it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALIAS="${1:-partner-lead-sync}"
DURATION_DAYS="${2:-7}"
DEV_HUB="${DEV_HUB:-}"
# The admin user gets the admin, partner-manager and sales-rep views. The integration
# permission set is for the sidecar's API-only user, not for a person.
PERMISSION_SETS=(Partner_Lead_Sync_Admin Partner_Manager Partner_Sales_Rep)
SAMPLE_DATA_PLAN="data/sample-data/plan.json"

export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true

sf() {
  npx --no-install sf "$@"
}

step() {
  printf '\n==> %s\n' "$*"
}

step "Compiling the TypeScript Lightning Web Components (the org runs the emitted .js)"
npm run --silent build:lwc

step "Creating scratch org '${ALIAS}' for ${DURATION_DAYS} days from config/project-scratch-def.json"
create_args=(org create scratch --definition-file config/project-scratch-def.json --alias "$ALIAS"
  --duration-days "$DURATION_DAYS" --set-default --wait 20)
if [[ -n "$DEV_HUB" ]]; then
  create_args+=(--target-dev-hub "$DEV_HUB")
fi
sf "${create_args[@]}"

step "Deploying force-app"
sf project deploy start --source-dir force-app --target-org "$ALIAS" --wait 30

# Test-only metadata (sfdx-project.json "unpackagedMetadata") is deployed when there is any.
if find unpackaged -type f -name '*-meta.xml' -print -quit 2>/dev/null | grep -q .; then
  step "Deploying unpackaged (test-only) metadata"
  sf project deploy start --source-dir unpackaged --target-org "$ALIAS" --wait 30
fi

step "Assigning permission sets: ${PERMISSION_SETS[*]}"
assign_args=(org assign permset --target-org "$ALIAS")
for permission_set in "${PERMISSION_SETS[@]}"; do
  assign_args+=(--name "$permission_set")
done
sf "${assign_args[@]}"

step "Loading sample data (${SAMPLE_DATA_PLAN})"
sf data import tree --plan "$SAMPLE_DATA_PLAN" --target-org "$ALIAS"

step "Done"
echo "Open the Partner Lead Console with:"
echo "  npx sf org open --target-org ${ALIAS} --path lightning/app/c__Partner_Lead_Console"
