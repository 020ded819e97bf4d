package cn.jiaoliu.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's Spring context at its own database: a fresh in-memory H2 by default, or, with
 * {@code -Ppostgres} (system property {@code jiaoliu.test.db=postgres}), a fresh schema in the
 * PostgreSQL at 127.0.0.1:5432 that is dropped when the context closes. Flyway builds either from
 * the same migrations.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("jiaoliu.test.db", "h2"));
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String name = "jiaoliu_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, Object> properties;
    if (postgres()) {
      String url = System.getProperty("jiaoliu.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
      String user = System.getProperty("jiaoliu.test.postgres.user", "postgres");
      properties = Map.of(
          "spring.datasource.url", url + "?currentSchema=" + name,
          "spring.datasource.username", user,
          "spring.datasource.password", "",
          "spring.flyway.schemas", name,
          "spring.flyway.create-schemas", "true");
      context.addApplicationListener(event -> {
        if (event instanceof ContextClosedEvent) {
          dropSchema(url, user, name);
        }
      });
    } else {
      properties = Map.of(
          "spring.datasource.url",
          "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
          "spring.datasource.username", "sa",
          "spring.datasource.password", "");
    }
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("jiaoliu-test-database", properties));
  }

  private static void dropSchema(String url, String user, String schema) {
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      org.slf4j.LoggerFactory.getLogger(TestDatabase.class).warn("could not drop test schema {}", schema, e);
    }
  }
}
