package cn.jiaoliu.testsupport;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** What the integration tests with many applications set up alike in the demo district LC. */
public final class DemoData {

  private DemoData() {}

  /** Teachers {@code prefix0 … prefix(n-1)} of the school, in Keycloak (created once). */
  public static List<String> teachers(String prefix, int n, String schoolCode) {
    List<String> teachers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      teachers.add(prefix + i);
      KeycloakAdmin.ensureUser(teachers.get(i), "teacher", schoolCode, "LC");
    }
    return teachers;
  }

  /** Raises batch 1's urban-to-rural quota of the school by {@code n} (the demo's is small). */
  public static void raiseQuota(JdbcClient jdbc, String schoolCode, int n) {
    if (jdbc.sql("""
            update batch_quota set quota = quota + :n
            where batch_id = 1 and school_code = :school and direction = 'URBAN_TO_RURAL'""")
        .param("n", n).param("school", schoolCode).update() == 0) {
      jdbc.sql("insert into batch_quota (batch_id, school_code, direction, quota) values (1, :school, 'URBAN_TO_RURAL', :n)")
          .param("n", n).param("school", schoolCode).update();
    }
  }

  /** {@link #raiseQuota(JdbcClient, String, int)} on a connection of its own (an app run as a process). */
  public static void raiseQuota(Connection db, String schoolCode, int n) {
    raiseQuota(JdbcClient.create(new SingleConnectionDataSource(db, true)), schoolCode, n);
  }
}
