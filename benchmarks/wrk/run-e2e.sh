#!/bin/sh
# End-to-end overhead of vault-oidc on the Jetty sample: wrk against no protection, VaultOidcFilter and the Java
# agent (see WrkEndToEnd and docs/benchmarks.md). Builds what is missing, then runs; extra arguments go to
# WrkEndToEnd (--rounds N, --duration S, --connections C, --quick, --no-pin).
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/wrk/run-e2e.sh    # another JDK
set -eu
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2
    exit 2
fi
[ -f benchmarks/target/benchmarks.jar ] || ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
[ -f javaagent/target/vault-oidc-agent.jar ] || ./mvnw -B -ntp -q -pl javaagent -am package -DskipTests
exec "$JAVA" -cp benchmarks/target/benchmarks.jar dev.vaultoidc.benchmarks.WrkEndToEnd \
    --agent javaagent/target/vault-oidc-agent.jar --lua benchmarks/wrk/bearer.lua "$@"
