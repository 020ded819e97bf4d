package cn.jiaoliu.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class RecordRowsTest {

  enum Colour { RED, GREEN }

  record Row(long id, String displayName, Colour colour, OffsetDateTime dueAt, LocalDate startsOn, Long parentId,
      boolean escalated, int minYears) {}

  record Missing(long id, String nowhere) {}

  private SingleConnectionDataSource db;
  private JdbcClient jdbc;

  @BeforeEach
  void table() {
    db = new SingleConnectionDataSource("jdbc:h2:mem:rows;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "", true);
    jdbc = JdbcClient.create(db);
    jdbc.sql("""
        create table thing (id bigint primary key, display_name varchar(50), colour varchar(10),
          due_at timestamp with time zone, starts_on date, parent_id bigint, escalated boolean, min_years int)""").update();
    jdbc.sql("insert into thing values (1, '张伟', 'GREEN', timestamp with time zone '2027-03-01 08:30:00+08:00',"
        + " date '2027-09-01', 7, true, 3)").update();
    jdbc.sql("insert into thing values (2, null, null, null, null, null, null, null)").update();
  }

  @AfterEach
  void drop() {
    jdbc.sql("drop table thing").update();
    db.destroy();
  }

  @Test
  void mapsSnakeCaseColumnsOntoComponentsWithTheirTypes() {
    List<Row> rows = jdbc.sql("select * from thing order by id").query(RecordRows.of(Row.class)).list();

    assertThat(rows.getFirst()).isEqualTo(new Row(1, "张伟", Colour.GREEN,
        OffsetDateTime.of(2027, 3, 1, 8, 30, 0, 0, ZoneOffset.ofHours(8)), LocalDate.of(2027, 9, 1), 7L, true, 3));
    assertThat(rows.get(1).dueAt()).isNull();
    assertThat(rows.get(1)).isEqualTo(new Row(2, null, null, null, null, null, false, 0));
  }

  @Test
  void columnsInAnotherOrderAndAliasesWithoutUnderscoresAlsoMatch() {
    Row row = jdbc.sql("""
        select min_years, escalated, parent_id, starts_on, due_at, colour, display_name as displayname, id
        from thing where id = 1""").query(RecordRows.of(Row.class)).single();

    assertThat(row.displayName()).isEqualTo("张伟");
    assertThat(row.minYears()).isEqualTo(3);
    assertThat(row.id()).isEqualTo(1);
  }

  @Test
  void aComponentWithoutItsColumnIsNamed() {
    assertThatThrownBy(() -> jdbc.sql("select id from thing").query(RecordRows.of(Missing.class)).list())
        .isInstanceOf(InvalidDataAccessApiUsageException.class)
        .hasMessageContaining("Missing.nowhere");
  }
}
