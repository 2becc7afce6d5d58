#!/usr/bin/env bash
# Builds the double-click app with the JDK's jpackage: an app image (target/jpackage/Topograph)
# and a .deb (target/jpackage/topograph_<version>-1_<arch>.deb) with its own Java runtime, the
# app icon, a desktop entry under Development, and `topograph` on PATH.
# Run by `./mvnw -Ppackage -pl app -am package -DskipTests` (app/pom.xml, profile `package`),
# which passes everything below as environment variables.
set -euo pipefail

: "${TARGET:?the module's target folder}" "${VERSION:?the project version}" "${ICONS:?the icons folder}"
: "${PACKAGING:?this folder}" "${JDK:?the JDK whose jpackage and jmods to use}" "${MODULES:?the runtime's modules}"

jpackage="$JDK/bin/jpackage"
if [ ! -x "$jpackage" ]; then
  echo "jpackage: $jpackage not found; point -Djpackage.jdk at a full JDK 17+" >&2
  exit 1
fi
# jpackage links its own runtime from the JDK's jmods (Debian and Ubuntu ship them apart).
if [ ! -d "$JDK/jmods" ]; then
  echo "jpackage: $JDK has no jmods folder to link a runtime from; on Debian or Ubuntu:" \
    "apt-get install openjdk-17-jmods" >&2
  exit 1
fi

out="$TARGET/jpackage"
input="$out/input"
rm -rf "$out"
mkdir -p "$input"
# The main jar finds its libraries through its manifest's Class-Path (lib/...).
cp "$TARGET/topograph.jar" "$input/"
cp -r "$TARGET/lib" "$input/lib"

# jpackage wants a numeric version: 0.1.0-SNAPSHOT becomes 0.1.0.
app_version="${VERSION%%-*}"

"$jpackage" --type app-image \
  --dest "$out" \
  --name Topograph \
  --app-version "$app_version" \
  --vendor "Topograph" \
  --description "Design, validate, generate and run microservice topologies" \
  --icon "$ICONS/topograph-256.png" \
  --input "$input" \
  --main-jar topograph.jar \
  --main-class dev.topograph.app.Main \
  --add-modules "$MODULES" \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands" \
  --java-options "-Dprism.order=es2,sw"

# jpackage finds the runtime's library dependencies itself; JavaFX's own native code comes out
# of its jars at run time, so its GTK 3 dependency is named here (t64: Ubuntu 24.04's name).
if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  "$jpackage" --type deb \
    --dest "$out" \
    --app-image "$out/Topograph" \
    --name Topograph \
    --app-version "$app_version" \
    --vendor "Topograph" \
    --description "Design, validate, generate and run microservice topologies" \
    --icon "$ICONS/topograph-256.png" \
    --resource-dir "$PACKAGING/linux" \
    --linux-package-name topograph \
    --linux-deb-maintainer "topograph@users.noreply.github.com" \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
    --linux-app-category devel \
    --linux-menu-group Development \
    --linux-shortcut
else
  echo "jpackage: no .deb: it needs dpkg-deb and fakeroot (apt-get install fakeroot); the app image is built" >&2
fi

echo "jpackage: built in $out:"
ls -1 "$out" | grep -v '^input$' | sed 's/^/  /'
