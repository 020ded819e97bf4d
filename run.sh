#!/usr/bin/env bash
# Jiaoliu 交流 — starts everything for a local demo with one command:
# a Zeebe broker, Keycloak (with the jiaoliu realm and its demo users) and the app.
# Run ./run.sh --help for details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./run.sh [--reset] [--help]

Starts the Jiaoliu demo on this machine and keeps it running until Ctrl-C:
  1. a Zeebe broker (Camunda 8 engine)   gRPC localhost:26500, REST 8088, management 9600
  2. Keycloak (login, demo users)        http://localhost:8180
  3. the Jiaoliu app                     http://localhost:8080
Every port listens on 127.0.0.1 only: nothing is reachable from other machines.

The first run downloads the broker and Keycloak distributions through Maven (about 480 MB,
once, into the local Maven repository), unpacks them and builds the app; later runs start in
well under a minute. The app is rebuilt whenever a pom.xml or a file under */src is newer
than app/target/jiaoliu-app.jar.

Everything the demo stores lives in .jiaoliu/ at the repository root (git-ignored):
  .jiaoliu/secrets    this installation's Keycloak client secrets and admin console password,
                      generated on the first run (mode 0600); Keycloak imports the realm with them
  .jiaoliu/zeebe/     the broker and its data (process instances)
  .jiaoliu/keycloak/  Keycloak and its database (users, sessions)
  .jiaoliu/app/       the app's home (its H2 database)
  .jiaoliu/logs/      zeebe.log, keycloak.log, app.log
A second run keeps all of it.

Options:
  --reset   delete .jiaoliu/ first: all process instances, Keycloak changes and app data go;
            the demo starts from scratch (the downloads in the Maven repository stay)
  --help    show this text

Environment (optional):
  JIAOLIU_SKIP_APP=1            start only the broker and Keycloak (for developing the app in
                                an IDE against them)
  JIAOLIU_INFRA_TIMEOUT=300     seconds to wait for the broker and Keycloak
  JIAOLIU_APP_TIMEOUT=180       seconds to wait for the app

Ctrl-C stops all three and waits until they are gone. If one of them stops on its own, the
others are stopped too and the end of its log is shown.
EOF
}

RESET=0
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $arg (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/java-home.sh
. "$ROOT/scripts/java-home.sh"

STATE="$ROOT/.jiaoliu"
LOGS="$STATE/logs"
ZB_HOME="$STATE/zeebe/dist"
ZB_DATA="$STATE/zeebe/data"
KC_HOME="$STATE/keycloak"
APP_HOME="$STATE/app"
SECRETS="$STATE/secrets"
APP_JAR="$ROOT/app/target/jiaoliu-app.jar"
REALM_FILE="$ROOT/keycloak-config/src/main/resources/keycloak/jiaoliu-realm.json"

APP_PORT=8080
KC_PORT=8180
ZB_GRPC_PORT=26500
ZB_COMMAND_PORT=26501
ZB_INTERNAL_PORT=26502
ZB_REST_PORT=8088
ZB_MANAGEMENT_PORT=9600

SKIP_APP="${JIAOLIU_SKIP_APP:-0}"
INFRA_TIMEOUT="${JIAOLIU_INFRA_TIMEOUT:-300}"
APP_TIMEOUT="${JIAOLIU_APP_TIMEOUT:-180}"

if [ -t 1 ]; then TTY=1; else TTY=0; fi
step() { echo "==> $*"; }
fail() { echo "run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- processes and stopping

ZB_PID=""
KC_PID=""
APP_PID=""
STOPPED=0

# the pid and all its descendants (kc.sh forks java; bin/broker execs it)
tree_pids() {
  local child
  echo "$1"
  for child in $(pgrep -P "$1" 2>/dev/null || true); do
    tree_pids "$child"
  done
}

alive() {
  local stat
  [ -n "$1" ] || return 1
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ -n "$stat" ] && [[ "$stat" != Z* ]]
}

# stop_pids SECONDS PID...: SIGTERM, wait up to SECONDS, then SIGKILL what is left
stop_pids() {
  local timeout="$1" pid waited=0 left
  shift
  [ "$#" -gt 0 ] || return 0
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  while :; do
    left=""
    for pid in "$@"; do alive "$pid" && left="$left $pid"; done
    [ -n "$left" ] || return 0
    if [ "$waited" -ge $((timeout * 5)) ]; then
      echo "    still running after ${timeout}s, killing:$left"
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null || true
      return 0
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

stop_all() {
  [ "$STOPPED" = 1 ] && return 0
  STOPPED=1
  trap '' INT TERM HUP
  local infra=()
  [ -n "$APP_PID$KC_PID$ZB_PID" ] || return 0
  echo
  step "Stopping Jiaoliu …"
  if [ -n "$APP_PID" ]; then
    echo "    app"
    # shellcheck disable=SC2046
    stop_pids 30 $(tree_pids "$APP_PID")
  fi
  # collect the whole trees first: once kc.sh is gone, its java is no longer its child
  if [ -n "$KC_PID" ]; then
    echo "    Keycloak"
    mapfile -t -O "${#infra[@]}" infra < <(tree_pids "$KC_PID")
  fi
  if [ -n "$ZB_PID" ]; then
    echo "    broker"
    mapfile -t -O "${#infra[@]}" infra < <(tree_pids "$ZB_PID")
  fi
  stop_pids 30 "${infra[@]}"
  wait 2>/dev/null || true
  echo "stopped"
}

on_signal() {
  stop_all
  exit 130
}

on_exit() {
  local rc=$?
  stop_all
  exit "$rc"
}

trap on_signal INT TERM HUP
trap on_exit EXIT

# prints the last lines of a log, then stops everything and exits
die_with_log() {
  local message="$1" log="$2"
  echo
  echo "run.sh: $message" >&2
  if [ -f "$log" ]; then
    echo "---- last 40 lines of ${log#"$ROOT"/} ----" >&2
    tail -n 40 "$log" >&2
    echo "----" >&2
  fi
  exit 1
}

# reap PID: sets EXIT_CODE to the exit code of the (finished) background process PID
EXIT_CODE=""
reap() {
  EXIT_CODE=0
  wait "$1" 2>/dev/null || EXIT_CODE=$?
}

# check_alive PID NAME LOG WHAT: stops everything with the log's tail when PID is gone
check_alive() {
  if ! alive "$1"; then
    reap "$1"
    die_with_log "$2 stopped $4 (exit code $EXIT_CODE)." "$3"
  fi
}

# ---------------------------------------------------------------- 1. ports

# prints who listens on the TCP port, or nothing when it is free
port_user() {
  local port="$1" line
  if command -v ss >/dev/null 2>&1; then
    line=$(ss -Hltnp "( sport = :$port )" 2>/dev/null | head -n 1 || true)
    if [ -n "$line" ]; then
      if [[ "$line" =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
        echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]})"
      else
        echo "another process"
      fi
    fi
  elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "another process"
  fi
}

check_port() {
  local port="$1" part="$2" user
  user=$(port_user "$port")
  if [ -n "$user" ]; then
    echo "Port $port is already in use (by $user); $part needs it." >&2
    echo "Stop what uses it (an earlier ./run.sh still running? another Keycloak, Zeebe or app?) and run ./run.sh again." >&2
    exit 1
  fi
}

step "Checking ports"
[ "$SKIP_APP" = 1 ] || check_port "$APP_PORT" "the Jiaoliu app"
check_port "$KC_PORT" "Keycloak"
check_port "$ZB_GRPC_PORT" "the Zeebe broker (gRPC gateway)"
check_port "$ZB_COMMAND_PORT" "the Zeebe broker (command API)"
check_port "$ZB_INTERNAL_PORT" "the Zeebe broker (internal API)"
check_port "$ZB_REST_PORT" "the Zeebe broker (REST API)"
check_port "$ZB_MANAGEMENT_PORT" "the Zeebe broker (management/health)"

# ---------------------------------------------------------------- 2. state folder

if [ "$RESET" = 1 ] && [ -e "$STATE" ]; then
  step "--reset: deleting .jiaoliu/ (broker data, Keycloak users and sessions, app database, logs)"
  rm -rf "$STATE"
fi
mkdir -p "$LOGS" "$APP_HOME" "$ZB_DATA" "$STATE/zeebe"

# ---------------------------------------------------------------- 2b. this installation's secrets

# 32 random bytes, URL-safe Base64 without padding (43 characters)
new_secret() {
  head -c 32 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'
}

if [ ! -f "$SECRETS" ]; then
  if [ -f "$KC_HOME/data/h2/keycloakdb.mv.db" ]; then
    fail ".jiaoliu/secrets is missing but Keycloak's database is not: its realm holds secrets this run cannot know. Run ./run.sh --reset."
  fi
  step "Generating this installation's client secrets (.jiaoliu/secrets)"
  (
    umask 077
    {
      echo "# generated by ./run.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); Keycloak's realm was imported with them"
      echo "JIAOLIU_KEYCLOAK_CLIENT_SECRET=$(new_secret)"
      echo "JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET=$(new_secret)"
      echo "KC_BOOTSTRAP_ADMIN_PASSWORD=$(new_secret)"
    } > "$SECRETS"
  )
fi
chmod 600 "$SECRETS"
# shellcheck disable=SC1090
. "$SECRETS"
[ -n "${JIAOLIU_KEYCLOAK_CLIENT_SECRET:-}" ] && [ -n "${JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET:-}" ] \
  && [ -n "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ] || fail ".jiaoliu/secrets is incomplete: run ./run.sh --reset"

# ---------------------------------------------------------------- 3. distributions

pom_property() {
  local value
  value=$(sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1)
  [ -n "$value" ] || fail "property <$1> not found in pom.xml"
  echo "$value"
}

ZB_VERSION=$(pom_property zeebe-distribution.version)
KC_VERSION=$(pom_property keycloak-distribution.version)
ZB_COORDS="io.camunda:camunda-zeebe:$ZB_VERSION:tar.gz"
KC_COORDS="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz"
ZB_REL="io/camunda/camunda-zeebe/$ZB_VERSION/camunda-zeebe-$ZB_VERSION.tar.gz"
KC_REL="org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.tar.gz"

MAVEN_REPO=""
maven_repo() {
  if [ -z "$MAVEN_REPO" ]; then
    MAVEN_REPO=$("$ROOT/mvnw" -N -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | tail -n 1 || true)
    [ -n "$MAVEN_REPO" ] || MAVEN_REPO="$HOME/.m2/repository"
  fi
  echo "$MAVEN_REPO"
}

# archive_path REL COORDS: the archive in the local Maven repository, downloaded when missing
archive_path() {
  local rel="$1" coords="$2" repo
  if [ -f "$HOME/.m2/repository/$rel" ]; then
    echo "$HOME/.m2/repository/$rel"
    return 0
  fi
  repo=$(maven_repo)
  if [ ! -f "$repo/$rel" ]; then
    local batch=()
    [ "$TTY" = 1 ] || batch=(-B)   # without a terminal: download lines instead of a progress bar
    step "Downloading $coords through Maven (once)" >&2
    "$ROOT/mvnw" -N "${batch[@]}" dependency:get -Dartifact="$coords" -Dtransitive=false >&2 \
      || fail "could not download $coords (is Maven Central reachable?)"
  fi
  [ -f "$repo/$rel" ] || fail "$coords is not in the local Maven repository $repo after downloading it"
  echo "$repo/$rel"
}

# extract ARCHIVE DEST VERSION: unpacks once (marker DEST/.jiaoliu-extracted holds the version)
extract() {
  local archive="$1" dest="$2" version="$3" name="$4" tmp="$2.unpacking" started=$SECONDS
  if [ -f "$dest/.jiaoliu-extracted" ] && [ "$(cat "$dest/.jiaoliu-extracted")" = "$version" ]; then
    return 0
  fi
  step "Unpacking $name $version into ${dest#"$ROOT"/}/"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  tar -xzf "$archive" -C "$tmp" --strip-components=1
  if [ -d "$dest/data" ] && [ "$name" = Keycloak ]; then
    # another version before: keep Keycloak's database (it migrates it on start)
    mv "$dest/data" "$tmp/data"
  fi
  rm -rf "$dest"
  mv "$tmp" "$dest"
  echo "$version" > "$dest/.jiaoliu-extracted"
  echo "    done in $((SECONDS - started)) s"
}

step "Checking the broker and Keycloak distributions"
ZB_ARCHIVE=$(archive_path "$ZB_REL" "$ZB_COORDS")
KC_ARCHIVE=$(archive_path "$KC_REL" "$KC_COORDS")
extract "$ZB_ARCHIVE" "$ZB_HOME" "$ZB_VERSION" "Zeebe broker"
extract "$KC_ARCHIVE" "$KC_HOME" "$KC_VERSION" "Keycloak"

# ---------------------------------------------------------------- 4. the app

if [ "$SKIP_APP" != 1 ]; then
  changed=""
  if [ -f "$APP_JAR" ]; then
    changed=$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src -newer "$APP_JAR" -type f -print -quit 2>/dev/null || true)
  fi
  if [ ! -f "$APP_JAR" ] || [ -n "$changed" ]; then
    if [ -f "$APP_JAR" ]; then
      step "Building the app (${changed#"$ROOT"/} changed)"
    else
      step "Building the app (first time takes a few minutes)"
    fi
    "$ROOT/mvnw" -B -DskipTests package
    [ -f "$APP_JAR" ] || fail "the build did not produce ${APP_JAR#"$ROOT"/}"
    # Maven leaves an up-to-date jar alone (e.g. when only a test changed): mark it as built now
    touch "$APP_JAR"
  else
    step "The app is up to date (${APP_JAR#"$ROOT"/})"
  fi
fi

# ---------------------------------------------------------------- 5. start broker and Keycloak

START=$SECONDS

http_get() {
  # prints the body of a successful (2xx) GET; fails otherwise
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -m 3 "$url" 2>/dev/null
  else
    local rest="${url#http://}" hostport path host port
    hostport="${rest%%/*}"; path="/${rest#*/}"; host="${hostport%%:*}"; port="${hostport##*:}"
    # shellcheck disable=SC2016
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n" "$3" "$1" "$2" >&3
      IFS= read -r status <&3 || exit 1
      case "$status" in *" 2"[0-9][0-9]*) cat <&3 ;; *) exit 1 ;; esac
    ' _ "$host" "$port" "$path" 2>/dev/null
  fi
}

http_has() { local body; body=$(http_get "$1") || return 1; [[ "$body" == *"$2"* ]]; }

ZB_HEALTH="http://localhost:$ZB_MANAGEMENT_PORT/actuator/health"
KC_READY="http://localhost:$KC_PORT/realms/jiaoliu/.well-known/openid-configuration"
APP_HEALTH="http://localhost:$APP_PORT/actuator/health"

[ -f "$REALM_FILE" ] || fail "realm file ${REALM_FILE#"$ROOT"/} is missing"

step "Starting the Zeebe broker $ZB_VERSION   (log: .jiaoliu/logs/zeebe.log)"
# bin/broker execs java, so $! is the broker's JVM
(
  cd "$ZB_HOME"
  exec env \
    ZEEBE_BROKER_NETWORK_HOST=127.0.0.1 \
    ZEEBE_BROKER_GATEWAY_NETWORK_HOST=127.0.0.1 \
    SERVER_ADDRESS=127.0.0.1 \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    ZEEBE_BROKER_GATEWAY_NETWORK_PORT=$ZB_GRPC_PORT \
    ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT=$ZB_COMMAND_PORT \
    ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT=$ZB_INTERNAL_PORT \
    SERVER_PORT=$ZB_REST_PORT \
    MANAGEMENT_SERVER_PORT=$ZB_MANAGEMENT_PORT \
    ZEEBE_BROKER_DATA_DIRECTORY="$ZB_DATA" \
    bin/broker
) >>"$LOGS/zeebe.log" 2>&1 </dev/null &
ZB_PID=$!

step "Starting Keycloak $KC_VERSION   (log: .jiaoliu/logs/keycloak.log)"
mkdir -p "$KC_HOME/data/import"
# imported only when the realm does not exist yet; later changes: ./run.sh --reset
cp "$REALM_FILE" "$KC_HOME/data/import/jiaoliu-realm.json"
(
  cd "$KC_HOME"
  # the bootstrap admin is created only on the very first start; the realm import resolves the
  # file's ${JIAOLIU_KEYCLOAK_CLIENT_SECRET} and ${JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET} from these
  exec env \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD" \
    JIAOLIU_KEYCLOAK_CLIENT_SECRET="$JIAOLIU_KEYCLOAK_CLIENT_SECRET" \
    JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET="$JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET" \
    bin/kc.sh start-dev --http-host=127.0.0.1 --http-port=$KC_PORT --import-realm
) >>"$LOGS/keycloak.log" 2>&1 </dev/null &
KC_PID=$!

# one status line, rewritten in place on a terminal; without one, a line every 10 s
NEXT_PROGRESS=0
progress() {
  local line="$1" elapsed="$2"
  if [ "$TTY" = 1 ]; then
    printf '\r    %s … %ds   ' "$line" "$elapsed"
  elif [ "$elapsed" -ge "$NEXT_PROGRESS" ]; then
    echo "    $line … ${elapsed}s"
    NEXT_PROGRESS=$((elapsed + 10))
  fi
}

zb_ready=0
kc_ready=0
if [ ! -f "$KC_HOME/data/h2/keycloakdb.mv.db" ]; then
  echo "    (Keycloak's first start optimises itself and creates its database: 1–2 minutes)"
fi
waited_from=$SECONDS
while [ "$zb_ready$kc_ready" != 11 ]; do
  elapsed=$((SECONDS - waited_from))
  check_alive "$ZB_PID" "the Zeebe broker" "$LOGS/zeebe.log" "while starting"
  check_alive "$KC_PID" "Keycloak" "$LOGS/keycloak.log" "while starting"
  [ "$zb_ready" = 1 ] || { http_has "$ZB_HEALTH" '"status":"UP"' && zb_ready=1; } || true
  [ "$kc_ready" = 1 ] || { http_has "$KC_READY" '"issuer"' && kc_ready=1; } || true
  if [ "$elapsed" -ge "$INFRA_TIMEOUT" ]; then
    [ "$zb_ready" = 1 ] || die_with_log "the Zeebe broker was not healthy after ${INFRA_TIMEOUT}s ($ZB_HEALTH)." "$LOGS/zeebe.log"
    die_with_log "Keycloak did not serve the jiaoliu realm after ${INFRA_TIMEOUT}s ($KC_READY)." "$LOGS/keycloak.log"
  fi
  status="broker $([ "$zb_ready" = 1 ] && echo ready || echo starting), Keycloak $([ "$kc_ready" = 1 ] && echo ready || echo starting)"
  progress "$status" "$elapsed"
  [ "$zb_ready$kc_ready" = 11 ] || sleep 1
done
[ "$TTY" = 1 ] && echo
echo "    broker and Keycloak ready after $((SECONDS - waited_from))s"

# ---------------------------------------------------------------- 6. start the app

if [ "$SKIP_APP" != 1 ]; then
  step "Starting the app   (log: .jiaoliu/logs/app.log)"
  (
    exec env \
      JIAOLIU_HOME="$APP_HOME" \
      SERVER_ADDRESS=127.0.0.1 \
      SERVER_PORT=$APP_PORT \
      JIAOLIU_KEYCLOAK_CLIENT_SECRET="$JIAOLIU_KEYCLOAK_CLIENT_SECRET" \
      JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET="$JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET" \
      CAMUNDA_CLIENT_GRPC_ADDRESS="http://localhost:$ZB_GRPC_PORT" \
      CAMUNDA_CLIENT_REST_ADDRESS="http://localhost:$ZB_REST_PORT" \
      CAMUNDA_CLIENT_PREFER_REST_OVER_GRPC=false \
      JIAOLIU_KEYCLOAK_URL="http://localhost:$KC_PORT" \
      java -jar "$APP_JAR"
  ) >>"$LOGS/app.log" 2>&1 </dev/null &
  APP_PID=$!
  waited_from=$SECONDS
  NEXT_PROGRESS=0
  until http_has "$APP_HEALTH" '"status":"UP"'; do
    elapsed=$((SECONDS - waited_from))
    check_alive "$APP_PID" "the app" "$LOGS/app.log" "while starting"
    check_alive "$ZB_PID" "the Zeebe broker" "$LOGS/zeebe.log" "unexpectedly"
    check_alive "$KC_PID" "Keycloak" "$LOGS/keycloak.log" "unexpectedly"
    [ "$elapsed" -lt "$APP_TIMEOUT" ] || die_with_log "the app was not UP after ${APP_TIMEOUT}s ($APP_HEALTH)." "$LOGS/app.log"
    progress "app starting" "$elapsed"
    sleep 1
  done
  [ "$TTY" = 1 ] && echo
  echo "    app ready after $((SECONDS - waited_from))s"
fi

# ---------------------------------------------------------------- 7. ready

cat <<EOF

Jiaoliu 交流 is running (started in $((SECONDS - START))s):

EOF
if [ "$SKIP_APP" = 1 ]; then
  echo "  App                      not started (JIAOLIU_SKIP_APP=1): start it yourself with"
  echo "                           SERVER_PORT=$APP_PORT JIAOLIU_HOME=$APP_HOME JIAOLIU_KEYCLOAK_URL=http://localhost:$KC_PORT"
  echo "                           and the two JIAOLIU_KEYCLOAK_*_SECRET variables of .jiaoliu/secrets"
else
  echo "  App                      http://localhost:$APP_PORT"
fi
cat <<EOF
  Keycloak admin console   http://localhost:$KC_PORT/admin   (admin / KC_BOOTSTRAP_ADMIN_PASSWORD in .jiaoliu/secrets)
  Zeebe gateway (gRPC)     localhost:$ZB_GRPC_PORT   (REST localhost:$ZB_REST_PORT, health http://localhost:$ZB_MANAGEMENT_PORT/actuator/health)
  Logs                     .jiaoliu/logs/

Demo logins (password "demo" for all; office.chen and admin also need a one-time code:
add the demo key JJEUCT2MJFKS2RCFJVHS2T2UKAWUWRKZ to an authenticator app, or run
oathtool --totp -b JJEUCT2MJFKS2RCFJVHS2T2UKAWUWRKZ):

  user             name         role              school
  ---------------  -----------  ----------------  ------
  teacher.zhang    张伟         teacher           LC-U01
  teacher.li       李娜         teacher           LC-R01
  principal.wang   王芳         principal         LC-U01
  principal.liu    刘洋         principal         LC-R01
  principal.zhao   赵敏         principal         LC-U02
  office.chen      陈静         teaching-office   LC
  admin            系统管理员   admin

Press Ctrl-C to stop everything.
EOF

# ---------------------------------------------------------------- 8. watch

while :; do
  check_alive "$ZB_PID" "the Zeebe broker" "$LOGS/zeebe.log" "unexpectedly"
  check_alive "$KC_PID" "Keycloak" "$LOGS/keycloak.log" "unexpectedly"
  [ -z "$APP_PID" ] || check_alive "$APP_PID" "the app" "$LOGS/app.log" "unexpectedly"
  sleep 1
done
