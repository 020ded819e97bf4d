package cn.jiaoliu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The example manifests in {@code deploy/} say what the README says: every setting of the README's
 * production table is set (or shown, commented out, where optional) for the app on Kubernetes, and
 * the pods run the image as it is built (its user, its management port for the probes).
 */
class DeployManifestsTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
  static final Pattern SETTING = Pattern.compile("`([A-Z][A-Z0-9_]{2,})(?:=[^`]*)?`");

  @Test
  void everySettingOfTheReadmesProductionTableIsInTheManifests() throws IOException {
    Set<String> settings = productionTableSettings();
    assertThat(settings).as("the README's table was read").hasSizeGreaterThan(40)
        .contains("JIAOLIU_DB_URL", "CAMUNDA_CLIENT_GRPC_ADDRESS", "MANAGEMENT_SERVER_PORT", "JIAOLIU_METRICS_REFRESH");
    String manifests = Files.readString(KUBERNETES.resolve("jiaoliu-app.yaml"))
        + Files.readString(KUBERNETES.resolve("secrets.example.yaml"));
    List<String> missing = new ArrayList<>();
    for (String setting : settings) {
      if (!Pattern.compile("(?m)^\\s*#?\\s*" + setting + ":").matcher(manifests).find()) {
        missing.add(setting);
      }
    }
    assertThat(missing).as("settings of README \"Configure for production\" missing from deploy/kubernetes").isEmpty();
  }

  @Test
  void theManifestsParseAndRunTheImageAsItIsBuilt() throws IOException {
    Map<String, Object> deployment = null;
    List<String> kinds = new ArrayList<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          Map<String, Object> resource = map(document);
          kinds.add(resource.get("kind") + "/" + map(resource.get("metadata")).get("name"));
          if ("Deployment".equals(resource.get("kind")) && "jiaoliu-app".equals(map(resource.get("metadata"))
              .get("name"))) {
            deployment = resource;
          }
        }
      }
    }
    assertThat(kinds).contains("Deployment/jiaoliu-app", "Service/jiaoliu-app", "ConfigMap/jiaoliu-config",
        "Secret/jiaoliu-secrets", "StatefulSet/postgresql", "Deployment/keycloak", "Ingress/jiaoliu",
        "NetworkPolicy/default-deny-ingress", "Kustomization/null");
    assertThat(deployment).isNotNull();

    String pom = Files.readString(ROOT.resolve("app/pom.xml"));
    String imageUser = group(pom, "<user>(\\d+):(\\d+)</user>", 1);
    String managementPort = group(pom, "<MANAGEMENT_SERVER_PORT>(\\d+)</MANAGEMENT_SERVER_PORT>", 1);

    Map<String, Object> spec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
    assertThat(map(deployment.get("spec")).get("replicas")).as("interchangeable instances").isEqualTo(2);
    Map<String, Object> podSecurity = map(spec.get("securityContext"));
    assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
    assertThat(String.valueOf(podSecurity.get("runAsUser"))).isEqualTo(imageUser);
    Map<String, Object> container = map(((List<?>) spec.get("containers")).get(0));
    assertThat(map(container.get("securityContext")).get("readOnlyRootFilesystem")).isEqualTo(true);
    List<?> ports = (List<?>) container.get("ports");
    assertThat(ports.stream().map(DeployManifestsTest::map)
        .filter(port -> "management".equals(port.get("name"))).map(port -> String.valueOf(port.get("containerPort"))))
        .containsExactly(managementPort);
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
      assertThat(get.get("port")).as(probe + " on the management port").isEqualTo("management");
      assertThat((String) get.get("path")).startsWith("/actuator/health/");
    }
    String config = Files.readString(KUBERNETES.resolve("jiaoliu-app.yaml"));
    assertThat(config).contains("MANAGEMENT_SERVER_PORT: \"" + managementPort + "\"");
  }

  /** The environment variables named in the README's "Configure for production" table. */
  static Set<String> productionTableSettings() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Configure for production");
    int end = readme.indexOf("\nExample:", start);
    Set<String> settings = new LinkedHashSet<>();
    for (String line : readme.substring(start, end).split("\n")) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("|") || cells.length < 3 || line.startsWith("| ---")) {
        continue;
      }
      Matcher matcher = SETTING.matcher(cells[2]);
      while (matcher.find()) {
        settings.add(matcher.group(1));
      }
    }
    return settings;
  }

  private static String group(String text, String regex, int group) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(group);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }
}
