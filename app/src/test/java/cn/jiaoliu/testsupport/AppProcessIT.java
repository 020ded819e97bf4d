package cn.jiaoliu.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's jar as a child process on its own broker: it serves, dies with SIGKILL, and comes back on its data. */
class AppProcessIT {

  @Test
  void theAppJarServesDiesOnKillAndRestartsOnItsOwnDatabase() throws Exception {
    Infrastructure infra = Infrastructure.get();
    try (LocalBroker broker = new LocalBroker().start();
        AppProcess app = new AppProcess(
            AppProcess.propertiesFor(broker.grpcAddress(), broker.restAddress(), infra.keycloakUrl(), 1),
            List.of("-Xmx512m")).start()) {
      String token = infra.tokenFor("teacher.zhang", "demo");
      assertThat(status(app, token)).isEqualTo(200);
      long firstPid = app.pid();

      app.crash();
      assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      app.start();

      assertThat(app.pid()).isNotEqualTo(firstPid);
      assertThat(status(app, token)).isEqualTo(200);
      try (Connection connection = app.database().connect();
          ResultSet migrations = connection.createStatement().executeQuery(
              "select count(*) from flyway_schema_history where success")) {
        migrations.next();
        assertThat(migrations.getInt(1)).as("the schema was built once and kept").isGreaterThan(10);
      }
    }
  }

  private static int status(AppProcess app, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/tasks"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
