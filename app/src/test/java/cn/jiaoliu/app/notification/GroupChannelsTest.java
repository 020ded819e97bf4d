package cn.jiaoliu.app.notification;

import static cn.jiaoliu.app.notification.NotificationService.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A district's WeCom and DingTalk group robots, played by a real HTTP server on loopback that
 * answers as the robots do: what they receive (JSON, markdown, the link, DingTalk's signature), a
 * robot that asks to slow down or refuses, and the addresses a channel may not have.
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class GroupChannelsTest {

  @Autowired NotificationService notifications;
  @Autowired ChannelSender sender;
  @Autowired Channels channels;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  private HttpServer robot;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<String> answer = new AtomicReference<>("{\"errcode\":0,\"errmsg\":\"ok\"}");
  private String district;
  private JiaoliuUser office;

  @BeforeEach
  void robotOnLoopback() throws IOException {
    robot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    robot.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
      byte[] reply = answer.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    robot.start();
    district = "G" + Long.toString(System.nanoTime(), 36).toUpperCase();
    jdbc.sql("insert into district (code, name) values (:d, '渠道区')").param("d", district).update();
    office = office(district);
  }

  @AfterEach
  void stopRobot() {
    robot.stop(0);
  }

  @Test
  void aNewTaskIsPostedToEachRobotOfItsDistrictOnceWithItsLink() throws Exception {
    channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "校长工作群", robotUrl("/cgi-bin/webhook/send?key=k1"), null));
    channels.add(office, district, new ChannelForm(ChannelKind.DINGTALK, "教学办群",
        robotUrl("/robot/send?access_token=t1"), "SECtest-secret"));
    long off = channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "已关闭的群", robotUrl("/off?key=k0"),
        null));
    channels.enable(office, district, off, false);

    NotificationEvent event = NotificationEvent.ofApplication(41, "task-901").openingTask(901).toDistrictChannels(district);
    for (int delivery = 0; delivery < 2; delivery++) {
      notifications.notify(List.of(), event, "notification.taskArrived",
          text("task.rotation-application.Task_SignOpinion"), text("task.subject.application", 41, "王芳"));
    }
    // a teacher's own news never reaches a group
    notifications.notify(List.of(), NotificationEvent.ofApplication(41, "decided-900"), "notification.stepDone",
        text("task.subject.application", 41, "王芳"), "李明", text("task.rotation-application.Task_SignOpinion"));
    sender.sendPending();
    sender.sendPending();

    assertThat(received).extracting(Received::path).containsExactlyInAnyOrder("/cgi-bin/webhook/send", "/robot/send");
    Received wecom = received.stream().filter(r -> r.path().startsWith("/cgi-bin")).findFirst().orElseThrow();
    assertThat(wecom.contentType()).startsWith("application/json");
    JsonNode w = json.readTree(wecom.body());
    assertThat(w.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(w.path("markdown").path("content").asText())
        .contains("新待办「签署意见（派出学校）」：交流申请 #41（王芳）")
        .contains("http://localhost:8080/tasks/901")
        .doesNotContain("李明");

    Received ding = received.stream().filter(r -> r.path().startsWith("/robot")).findFirst().orElseThrow();
    JsonNode d = json.readTree(ding.body());
    assertThat(d.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(d.path("markdown").path("title").asText()).contains("交流系统通知");
    assertThat(d.path("markdown").path("text").asText()).contains("/tasks/901");
    Map<String, String> query = query(ding.query());
    assertThat(query).containsEntry("access_token", "t1").containsKeys("timestamp", "sign");
    assertThat(query.get("sign"))
        .as("DingTalk's signature over timestamp and secret")
        .isEqualTo(ChannelKind.sign(Long.parseLong(query.get("timestamp")), "SECtest-secret"));
  }

  @Test
  void aMorningOfTasksGoesOutInFewPostsAndARobotThatAsksToSlowDownCostsNoAttempt() throws Exception {
    long id = channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "校长工作群",
        robotUrl("/cgi-bin/webhook/send?key=k2"), null));
    for (int task = 0; task < 45; task++) {
      notifications.notify(List.of(), NotificationEvent.ofApplication(500 + task, "task-" + task).openingTask(task)
              .toDistrictChannels(district), "notification.taskArrived",
          text("task.rotation-application.Task_ApproveApplication"), text("task.subject.application", 500 + task, "某"));
    }
    answer.set("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
    sender.sendPending();
    assertThat(received).hasSize(1);
    assertThat(counts(id)).isEqualTo(new Counts(45, 0, 0));
    assertThat(jdbc.sql("select max(attempts) from channel_message where channel_id = :c").param("c", id)
        .query(Integer.class).single()).as("slowing down is not the posts' fault").isZero();

    answer.set("{\"errcode\":0,\"errmsg\":\"ok\"}");
    jdbc.sql("update channel_message set next_at = null where channel_id = :c").param("c", id).update();
    received.clear();
    for (int round = 0; round < 5; round++) {
      sender.sendPending();
    }
    assertThat(received).as("45 messages, 20 to a post").hasSize(3);
    assertThat(counts(id)).isEqualTo(new Counts(0, 45, 0));
  }

  @Test
  void aPostTheRobotRefusesIsTriedAgainLaterAndGivenUpAfterFiveAttempts() throws Exception {
    long id = channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "群", robotUrl("/send?key=bad"), null));
    notifications.notify(List.of(), NotificationEvent.ofApplication(7, "task-7").toDistrictChannels(district),
        "notification.taskArrived", text("task.rotation-application.Task_SignOpinion"),
        text("task.subject.application", 7, "某"));
    answer.set("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
    for (int attempt = 1; attempt <= ChannelSender.MAX_ATTEMPTS; attempt++) {
      sender.sendPending();
      jdbc.sql("update channel_message set next_at = null where channel_id = :c").param("c", id).update();
    }
    sender.sendPending();
    assertThat(received).hasSize(ChannelSender.MAX_ATTEMPTS);
    assertThat(counts(id)).isEqualTo(new Counts(0, 0, 1));
    assertThat(channels.of(district)).singleElement().satisfies(c -> assertThat(c.lastError()).contains("93000"));
  }

  @Test
  void aChannelPostsOnlyToItsRobotsHostAndAnotherDistrictCannotTouchIt() {
    for (String url : List.of("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "https://10.0.0.7/send",
        "https://oapi.dingtalk.com/robot/send?access_token=t", "https://qyapi.weixin.qq.com:8443/x",
        "https://user@qyapi.weixin.qq.com/x", "file:///etc/passwd", "not a url")) {
      assertThatThrownBy(() -> channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "群", url, null)))
          .as(url).isInstanceOfSatisfying(UserFacingException.class,
              e -> assertThat(e.fieldErrors()).containsEntry("url", "channel.error.url"));
    }
    long id = channels.add(office, district, new ChannelForm(ChannelKind.WECOM, "群",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key", null));
    assertThat(channels.of(district)).singleElement()
        .satisfies(c -> assertThat(c.maskedUrl()).doesNotContain("secret-key"));

    String other = "H" + Long.toString(System.nanoTime(), 36).toUpperCase();
    jdbc.sql("insert into district (code, name) values (:d, '他区')").param("d", other).update();
    JiaoliuUser otherOffice = office(other);
    assertThatThrownBy(() -> channels.districtOf(otherOffice, district)).isInstanceOf(UserFacingException.class);
    assertThatThrownBy(() -> channels.enable(otherOffice, other, id, false)).isInstanceOf(UserFacingException.class);
    assertThatThrownBy(() -> channels.remove(otherOffice, other, id)).isInstanceOf(UserFacingException.class);
    assertThat(channels.of(district)).singleElement().satisfies(c -> assertThat(c.enabled()).isTrue());
  }

  private Counts counts(long channel) {
    return jdbc.sql("""
            select count(case when sent_at is null and failed_at is null then 1 end) as pending,
              count(sent_at) as sent, count(failed_at) as failed
            from channel_message where channel_id = :c""")
        .param("c", channel).query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
  }

  record Counts(int pending, int sent, int failed) {}

  private String robotUrl(String pathAndQuery) {
    return "http://127.0.0.1:" + robot.getAddress().getPort() + pathAndQuery;
  }

  private static JiaoliuUser office(String district) {
    return JiaoliuUser.fromClaims(Map.of(JiaoliuUser.CLAIM_USERNAME, "office-" + district.toLowerCase(),
        JiaoliuUser.CLAIM_ROLES, List.of("teaching-office"), JiaoliuUser.CLAIM_DISTRICT, district, "name", "教学办"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new java.util.TreeMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  record Received(String path, String query, String contentType, String body) {}
}
