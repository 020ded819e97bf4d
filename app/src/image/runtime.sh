#!/usr/bin/env bash
# Builds the file tree the app's OCI image starts from (Maven profile "image", before Jib):
#   /opt/java   a Java runtime cut from the build's JDK by jlink: the modules the app needs, the
#               java launcher and nothing else (no compiler, no shell, no X11 or sound libraries)
#   /lib…       the C libraries that runtime links, copied from the build host (Debian 12 in CI),
#               with their Debian copyright files under /usr/share/doc
#   /etc        passwd and group with the unprivileged user jiaoliu (10001), hosts, nsswitch.conf
#   /tmp        the only place the user may write (mode 1777), e.g. Tomcat's uploads
# Usage: runtime.sh OUTPUT_DIR   (JAVA_HOME names the JDK; it must be one jlink can link from)
set -euo pipefail

out="${1:?output directory}"
java_home="${JAVA_HOME:?JAVA_HOME must name the JDK}"
modules="java.base,java.compiler,java.desktop,java.instrument,java.net.http,java.prefs,java.rmi,\
java.scripting,java.security.jgss,java.security.sasl,java.sql.rowset,jdk.jfr,jdk.management,jdk.net,\
jdk.unsupported,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.naming.dns"

rm -rf "$out"
mkdir -p "$out"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

"$java_home/bin/jlink" --add-modules "$modules" --output "$stage/java" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6
# the launcher only; the server runs headless, so no X11, sound or splash screen libraries
find "$stage/java/bin" -type f ! -name java -delete
rm -f "$stage/java/lib/libawt_xawt.so" "$stage/java/lib/libjawt.so" "$stage/java/lib/libsplashscreen.so" \
  "$stage/java/lib/libjsound.so"
mkdir -p "$out/opt"
# jlink links the legal notices of each module to java.base's; the image holds plain files
cp -rL "$stage/java" "$out/opt/java"

# the C libraries the runtime links (and libgcc_s, which glibc loads for thread cancellation)
libs="$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' -o -name jspawnhelper \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u)"
gcc_s="$(ldconfig -p | awk '/libgcc_s\.so\.1 .*x86-64/ { print $NF; exit }')"
packages=""
for lib in $libs $gcc_s; do
  case "$lib" in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
  owner="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true)"
  packages="$packages ${owner%%:*}"
done
for package in $(echo "$packages" | tr ' ' '\n' | sed '/^$/d' | sort -u); do
  if [ -f "/usr/share/doc/$package/copyright" ]; then
    mkdir -p "$out/usr/share/doc/$package"
    cp "/usr/share/doc/$package/copyright" "$out/usr/share/doc/$package/copyright"
  fi
  dpkg-query -W -f='${Package} ${Version}\n' "$package" >> "$out/usr/share/doc/packages.txt" 2>/dev/null || true
done

mkdir -p "$out/etc" "$out/tmp" "$out/home/jiaoliu"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
jiaoliu:x:10001:10001:Jiaoliu:/home/jiaoliu:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
jiaoliu:x:10001:
GROUP
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$out/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
"$out/opt/java/bin/java" -version 2>&1 | head -n 1 > "$out/opt/java/JAVA_VERSION"
echo "runtime for the image in $out: $(du -sh "$out" | cut -f1), $(wc -l < "$out/usr/share/doc/packages.txt") Debian packages"
