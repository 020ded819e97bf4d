#!/usr/bin/env bash
# Jiaoliu 交流 — starts everything for a local demo with one command: a Zeebe broker, Keycloak (the
# jiaoliu realm with its demo users) and the app, until Ctrl-C. ./run.sh --help says more.
#
# The supervision itself (downloading and unpacking the distributions, secrets, starting, waiting
# until ready, stopping) is Java: cn.jiaoliu.devstack.RunLocal in the devstack module, the same code
# the integration tests start the broker and Keycloak with. This script only builds that module
# when it is missing or older than its sources, and hands over to it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/java-home.sh
. "$ROOT/scripts/java-home.sh"

CLASSES="$ROOT/devstack/target/classes"
CLASSPATH_FILE="$ROOT/devstack/target/run-classpath.txt"

stale() {
  [ -f "$CLASSPATH_FILE" ] && [ -f "$CLASSES/devstack.properties" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/devstack/pom.xml" "$ROOT/devstack/src" -newer "$CLASSPATH_FILE" \
    -type f -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "==> Building the dev stack launcher (devstack module; the first run downloads the distributions)"
  batch=()
  [ -t 1 ] || batch=(-B)   # without a terminal: download lines instead of a progress bar
  "$ROOT/mvnw" "${batch[@]}" -q -pl devstack -DskipTests package \
    || { echo "run.sh: could not build the devstack module (is Maven Central reachable?)" >&2; exit 1; }
  touch "$CLASSPATH_FILE"   # Maven leaves an unchanged file alone
fi

# ZEEBE_VERSION=8.5.8 ./run.sh: another broker than the build's; fetched once into the local Maven
# repository beside the build's (RunLocal looks for it there and says so when it is missing)
if [ -n "${ZEEBE_VERSION:-}" ] \
    && [ ! -f "$HOME/.m2/repository/io/camunda/camunda-zeebe/$ZEEBE_VERSION/camunda-zeebe-$ZEEBE_VERSION.tar.gz" ]; then
  echo "==> Fetching the Zeebe $ZEEBE_VERSION distribution through Maven (once)"
  "$ROOT/mvnw" -B -q dependency:get -Dartifact="io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz" -Dtransitive=false \
    || { echo "run.sh: could not fetch io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz (is Maven Central reachable?)" >&2; exit 1; }
fi

# exec: Ctrl-C reaches the launcher, whose shutdown hook stops the broker, Keycloak and the app
exec "$JAVA_HOME/bin/java" -Djiaoliu.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" cn.jiaoliu.devstack.RunLocal "$@"
