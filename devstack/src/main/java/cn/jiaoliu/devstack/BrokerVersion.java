package cn.jiaoliu.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which Zeebe distribution {@code ./run.sh} starts: the build's ({@code zeebe-distribution.version},
 * 8.6.0), or another one named by {@code ZEEBE_VERSION} (8.5.8, the last line under the Zeebe
 * Community License) that {@code run.sh} has fetched into the local Maven repository beside it.
 * The broker's data remembers the version that wrote it: a broker reads data of its own or an older
 * version, never of a newer one.
 *
 * @param version the version started
 * @param archive its {@code camunda-zeebe-VERSION.tar.gz}
 */
record BrokerVersion(String version, Path archive) {

  /** The file in the broker's state directory naming the version that last ran on its data. */
  static final String DATA_VERSION_FILE = "data-version";

  /**
   * The build's distribution when {@code wanted} is blank or the same, else the same artifact of
   * version {@code wanted} in the local Maven repository ({@code .../camunda-zeebe/VERSION/}).
   */
  static BrokerVersion choose(Path buildArchive, String buildVersion, String wanted) {
    if (wanted == null || wanted.isBlank() || wanted.strip().equals(buildVersion)) {
      return new BrokerVersion(buildVersion, buildArchive);
    }
    String version = wanted.strip();
    if (!version.matches("\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*")) {
      throw new RunLocal.Failure("ZEEBE_VERSION=" + version + " is not a version such as 8.5.8");
    }
    Path archive = buildArchive.getParent().getParent().resolve(version).resolve("camunda-zeebe-" + version + ".tar.gz");
    if (!Files.isRegularFile(archive)) {
      throw new RunLocal.Failure("Zeebe " + version + " is not in the local Maven repository (" + archive + ").\n"
          + "Fetch it with: ./mvnw dependency:get -Dartifact=io.camunda:camunda-zeebe:" + version
          + ":tar.gz -Dtransitive=false");
    }
    return new BrokerVersion(version, archive);
  }

  /**
   * Before starting on the data under {@code state}: refuses when a newer broker wrote it, and then
   * records this version. Data without a record is the build's version's ({@code buildVersion}),
   * the only one started before versions were recorded.
   */
  void claimData(Path state, String buildVersion) throws IOException {
    Path record = state.resolve(DATA_VERSION_FILE);
    if (hasData(state.resolve("data"))) {
      String wrote = Files.exists(record) ? Files.readString(record).strip() : buildVersion;
      if (compare(version, wrote) < 0) {
        throw new RunLocal.Failure("The broker data in " + state.resolve("data") + " was written by Zeebe " + wrote
            + "; Zeebe " + version + " cannot read a newer version's data.\n"
            + "Start Zeebe " + wrote + " again (ZEEBE_VERSION=" + wrote + "), or ./run.sh --reset to begin afresh"
            + " (deletes the demo's process instances, users' changes and app data).");
      }
    }
    Files.createDirectories(state);
    Files.writeString(record, version + "\n");
  }

  private static boolean hasData(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(data)) {
      return entries.findAny().isPresent();
    }
  }

  /** Numerically, part by part: 8.5.8 before 8.6.0 before 8.10.0; a suffix after the digits is ignored. */
  static int compare(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int diff = Integer.compare(number(left, i), number(right, i));
      if (diff != 0) {
        return diff;
      }
    }
    return 0;
  }

  private static int number(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    String digits = parts[i].replaceFirst("\\D.*$", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
