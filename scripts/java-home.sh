# Sourced by mvnw, run.sh and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Order: an existing JAVA_HOME that is new enough, else the newest JDK under /usr/lib/jvm.
# Stops with a message naming what to install when there is none.

jiaoliu_java_major() {
  # prints the feature version of the java binary given as $1, e.g. 21 or 25
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jiaoliu_find_java() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(jiaoliu_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then
      return 0
    fi
  fi
  # no glob here: mvnw runs with "set -f"
  for candidate in $(ls /usr/lib/jvm 2>/dev/null); do
    candidate="/usr/lib/jvm/$candidate"
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(jiaoliu_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "${major:-0}" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Jiaoliu needs a JDK 21 or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm)." >&2
    echo "Install one, for example: apt-get install -y openjdk-21-jdk (or a Temurin 21/25 JDK), or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

jiaoliu_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
