package cn.jiaoliu.app.it;

import cn.jiaoliu.testsupport.Infrastructure;
import cn.jiaoliu.testsupport.TestDatabase;
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

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerProperties(registry);
    registry.add("jiaoliu.tasklist.reconcile-interval", () -> "PT1S");
  }
}
