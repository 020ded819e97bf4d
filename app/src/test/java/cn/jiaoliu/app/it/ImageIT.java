package cn.jiaoliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jiaoliu.devstack.Processes;
import cn.jiaoliu.testsupport.AppProcess;
import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.LocalBroker;
import cn.jiaoliu.testsupport.OciImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's OCI image ({@code -Pimage}: {@code target/jiaoliu-app-image.tar}) as a registry and a
 * container runtime see it: its configuration and every file of every layer, then the image
 * unpacked and started as its user in namespaces of its own (a container without a container
 * engine), answering its health probes and users over the integration tests' Keycloak and
 * PostgreSQL and a broker of its own.
 */
class ImageIT {

  static final String IMAGE_PROPERTY = "jiaoliu.it.image.tar";
  static final Pattern ENGINE_JARS = Pattern.compile(
      "(camunda-zeebe|zeebe-broker|zeebe-workflow-engine|zeebe-engine|zeebe-gateway(?!-protocol)|zeebe-process-test"
          + "|zeebe-exporter|zeebe-logstreams|zeebe-stream-platform).*\\.jar");
  static final Pattern TEST_JARS = Pattern.compile(
      "(playwright|driver-bundle|greenmail|junit|assertj|mockito|awaitility|spring-test|spring-boot-test"
          + "|verapdf|commons-compress).*\\.jar");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static OciImage image;
  static List<OciImage.File> files;

  @BeforeAll
  static void readImage() throws IOException {
    String archive = System.getProperty(IMAGE_PROPERTY);
    if (archive == null || archive.isBlank() || archive.startsWith("${")) {
      throw new IllegalStateException("System property " + IMAGE_PROPERTY + " is not set: run with -Pimage, which"
          + " builds the image and passes its path");
    }
    image = OciImage.read(Paths.get(archive));
    files = image.layers().stream().flatMap(layer -> layer.files().stream()).toList();
  }

  @Test
  void theImageIsLaidOutForProduction() throws IOException {
    assertThat(image.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(image.user()).as("runs as the unprivileged user jiaoliu, never root").isEqualTo("10001:10001");
    assertThat(image.entrypoint()).startsWith("/opt/java/bin/java")
        .contains("-cp", "@/app/jib-classpath-file", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("cn.jiaoliu.app.JiaoliuApplication");
    assertThat(image.containerConfig().path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.containerConfig().path("ExposedPorts").has("9464/tcp")).isTrue();
    assertThat(image.environment()).containsEntry("MANAGEMENT_SERVER_PORT", "9464")
        .containsEntry("JIAOLIU_HOME", "/tmp/jiaoliu");
    // the layers change at different rates: the dependencies seldom, the classes with every build; the
    // modules of this repository are "project dependencies" in a whole build, "snapshot dependencies"
    // when the app is built alone against the local repository
    assertThat(image.layerComments()).hasSize(6).containsSubsequence("dependencies", "resources", "classes",
        "jvm arg files", "extra files");
    assertThat(image.layerComments().get(1)).isIn("project dependencies", "snapshot dependencies");

    assertThat(paths()).contains("/opt/java/bin/java", "/opt/java/lib/server/libjvm.so", "/opt/java/lib/modules",
        "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6", "/etc/passwd", "/etc/group",
        "/usr/share/doc/libc6/copyright", "/app/classes/cn/jiaoliu/app/JiaoliuApplication.class",
        "/app/resources/application.yaml", "/app/jib-classpath-file");
    assertThat(paths().filter(path -> path.startsWith("/opt/java/bin/"))).as("the launcher only, no JDK tools")
        .containsExactly("/opt/java/bin/java");
    assertThat(paths()).as("no shell, no package manager, no compiler in the image")
        .noneMatch(path -> path.startsWith("/bin/") || path.startsWith("/usr/bin/") || path.startsWith("/sbin/")
            || path.endsWith("/javac") || path.endsWith("/jshell") || path.endsWith("/jlink"));
    assertThat(paths().filter(path -> path.startsWith("/app/libs/")).map(path -> path.substring(10)))
        .as("the engine is never shipped (README: what a bureau may run in production)")
        .noneMatch(jar -> ENGINE_JARS.matcher(jar).matches())
        .as("nor what only the tests use").noneMatch(jar -> TEST_JARS.matcher(jar).matches())
        .anyMatch(jar -> jar.startsWith("camunda-client-java"));

    assertThat(files).as("every file belongs to root: the user can change nothing of the image")
        .allMatch(file -> file.uid() == 0 && file.gid() == 0);
    assertThat(files).as("no set-user-id or set-group-id file").noneMatch(OciImage.File::setUidOrGid);
    assertThat(files.stream().filter(OciImage.File::writableByOthers).map(OciImage.File::path))
        .as("the user writes to /tmp only").containsOnly("/tmp");
    assertThat(files.stream().filter(file -> !file.directory() && file.executable()).map(OciImage.File::path))
        .as("what may be executed").containsExactlyInAnyOrder("/opt/java/bin/java", "/opt/java/lib/jspawnhelper",
            "/opt/java/lib/jexec", "/lib64/ld-linux-x86-64.so.2");
  }

  @Test
  void theImageStartsAsItsUserAnswersItsProbesAndPrintsChinese() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "unpacking the image with its owners and entering a mount namespace need root (CI runs as root)");
    Path root = Files.createTempDirectory(Paths.get("target"), "image-root-").toAbsolutePath();
    image.unpackTo(root);
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains("jiaoliu:x:10001:10001:");

    Infrastructure infra = Infrastructure.get();
    try (LocalBroker broker = new LocalBroker().start();
        AppProcess app = AppProcess.fromImage(root, image,
            AppProcess.propertiesFor(broker.grpcAddress(), broker.restAddress(), infra.keycloakUrl(), 1)).start()) {
      assertThat(get(app.managementUrl() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
      assertThat(get(app.managementUrl() + "/actuator/health/readiness").statusCode()).isEqualTo(200);
      assertThat(get(app.managementUrl() + "/actuator/prometheus").body()).contains("jiaoliu_pending_mails");
      assertThat(get(app.baseUrl() + "/actuator/health").statusCode())
          .as("actuator is on the management port only").isEqualTo(404);

      ProcessHandle java = javaOf(app.pid()).orElseThrow(() -> new AssertionError("no java process in the image"));
      assertThat(Files.readAllLines(Paths.get("/proc", String.valueOf(java.pid()), "status")))
          .as("the app runs as the image's user").contains("Uid:\t10001\t10001\t10001\t10001")
          .contains("Gid:\t10001\t10001\t10001\t10001");

      HttpResponse<String> login = get(app.baseUrl() + "/tasks");
      assertThat(login.statusCode()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location").orElse("")).contains("/oauth2/authorization/");

      String token = infra.tokenFor("teacher.zhang", "demo");
      HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/applications"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"batchId":1,"direction":"URBAN_TO_RURAL","targetSchoolCode":"LC-R01","post":"TEACHER",
               "subject":"数学","periodStart":"2027-09-01","periodEnd":"2028-07-31","yearsOfService":8,
               "reasons":"自愿到牛泉镇中心小学支教一年，承担数学教学和教研任务。"}""")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
      HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(
          URI.create(app.baseUrl() + "/api/applications/" + id + "/approval-form.pdf"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pdf.statusCode()).isEqualTo(200);
      try (PDDocument document = Loader.loadPDF(pdf.body())) {
        assertThat(new PDFTextStripper().getText(document))
            .as("the runtime cut for the image draws the approval form with its Chinese fonts")
            .contains("张伟").contains("牛泉镇中心小学");
      }
    } finally {
      Processes.deleteQuietly(root);
    }
  }

  private static Stream<String> paths() {
    return files.stream().map(OciImage.File::path);
  }

  private static Optional<ProcessHandle> javaOf(long launcher) {
    return ProcessHandle.of(launcher).stream().flatMap(ProcessHandle::descendants)
        .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
        .findFirst();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
