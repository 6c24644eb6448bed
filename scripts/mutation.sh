#!/usr/bin/env bash
# Mutation score of the domain: Stryker.NET (the dotnet-stryker tool pinned in .config/dotnet-tools.json) mutates
# Auth.Core and runs the unit tests (Auth.Tests.Unit) against each mutant, choosing per mutant only the tests that
# cover it. Settings: Auth.Tests/stryker-config.json. Needs only the .NET SDK and the NuGet feed.
#   - reports: StrykerOutput/reports/mutation-report.html and .json (git-ignored); the score is printed at the end;
#   - exits non-zero when the mutation score is below 80 % (thresholds.break in the config).
# Several minutes on 2 cores, so it is not part of .ci/run. The last recorded score: docs/quality.md.
#
# Usage: scripts/mutation.sh [more dotnet-stryker options, e.g. --concurrency 1]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="$PWD/StrykerOutput"

dotnet tool restore
rm -rf "$out"
cd Auth.Tests
# Run from the test project's folder: Stryker refuses a test-project option next to a solution file.
dotnet tool run dotnet-stryker --config-file stryker-config.json --output "$out" --skip-version-check "$@"
