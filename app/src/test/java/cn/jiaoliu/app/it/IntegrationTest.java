package cn.jiaoliu.app.it;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every {@code *IT}: the app on its fixed test port against the one broker and the one
 * Keycloak of this run. All subclasses share one Spring context (same configuration), so the port
 * is bound once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
abstract class IntegrationTest {

  /** A real SMTP peer that takes every mail the app sends; one per run, like the broker. */
  static final GreenMail MAIL = startMail();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerProperties(registry);
    registry.add("jiaoliu.tasklist.reconcile-interval", () -> "PT1S");
    // held jobs are renewed every 2 s; one lost in transit (AppCrashIT, broker killed) comes back after this
    registry.add("jiaoliu.tasklist.job-timeout", () -> "PT20S");
    registry.add("jiaoliu.tasklist.recheck-after", () -> "PT2S");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("jiaoliu.mail.interval", () -> "PT1S");
    // the realm's keys are fetched again this often: KeycloakOutageIT's minute without Keycloak outlasts it
    registry.add("jiaoliu.keycloak.keys.cache", () -> "PT10S");
    // uploads are linted with the bpmnlint the processes module's build installed
    registry.add("jiaoliu.modelling.bpmnlint-home", () -> Path.of("..", "processes").toAbsolutePath().normalize()
        .toString());
    registry.add("jiaoliu.modelling.interval", () -> "PT2S");
  }

  private static GreenMail startMail() {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
    return mail;
  }
}
