package cn.jiaoliu.app.notification;

import cn.jiaoliu.app.persistence.RecordRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts what each group channel has to say. A round gathers a channel's due messages into one post
 * (a group robot takes about 20 posts a minute, and a morning's 200 new tasks should not be 200
 * posts), oldest first, as many as the robot's size limit allows. A robot that cannot be reached or
 * asks to slow down costs no attempt; one that refuses a post (an error code, a bad answer) is tried
 * again after 1, 2, 4, 8 × the retry interval and then given up, recorded on the channel's page.
 */
@Component
class ChannelSender {

  private static final Logger log = LoggerFactory.getLogger(ChannelSender.class);
  static final int MAX_ATTEMPTS = 5;
  /** WeCom's and DingTalk's answers for "too many posts": wait, it is not the post's fault. */
  private static final Set<Integer> SLOW_DOWN = Set.of(45009, 130101);
  private static final int MAX_PER_POST = 20;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final MessageSource messages;
  private final Channels channels;
  private final Clock clock;
  private final String publicUrl;
  private final Duration retryInterval;
  private final Duration claimExpires = Duration.ofMinutes(5);
  private final HttpClient http;
  private final Duration timeout;

  ChannelSender(JdbcClient jdbc, ObjectMapper json, MessageSource messages, Channels channels, Clock clock,
      @Value("${jiaoliu.public-url:http://localhost:8080}") String publicUrl,
      @Value("${jiaoliu.channels.retry-interval:PT1M}") Duration retryInterval,
      @Value("${jiaoliu.channels.timeout:PT5S}") Duration timeout) {
    this.jdbc = jdbc;
    this.json = json;
    this.messages = messages;
    this.channels = channels;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.retryInterval = retryInterval;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** One round over every channel that is on and has something due. */
  void sendPending() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Target> targets = jdbc.sql("""
            select c.id, c.kind, c.url, c.secret from notification_channel c
            where c.enabled = true and exists (select 1 from channel_message m where m.channel_id = c.id
              and m.sent_at is null and m.failed_at is null and (m.next_at is null or m.next_at <= :now))
            order by c.id""")
        .param("now", now).query(RecordRows.of(Target.class)).list();
    for (Target target : targets) {
      send(target);
    }
  }

  private void send(Target target) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime stale = now.minus(claimExpires);
    ChannelKind kind = ChannelKind.valueOf(target.kind());
    List<Due> due = jdbc.sql("""
            select id, link, message_key, args, attempts from channel_message
            where channel_id = :c and sent_at is null and failed_at is null
              and (next_at is null or next_at <= :now) and (claimed_at is null or claimed_at < :stale)
            order by id limit :limit""")
        .param("c", target.id()).param("now", now).param("stale", stale).param("limit", MAX_PER_POST)
        .query(RecordRows.of(Due.class)).list();
    List<Due> claimed = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (Due d : due) {
      String line = line(d);
      if (!claimed.isEmpty() && bytes(lines) + bytes(line) > kind.maxBytes() - 200) {
        break; // the rest goes with the next post
      }
      // another instance of the app may be posting the same channel
      if (jdbc.sql("""
              update channel_message set claimed_at = :now
              where id = :id and sent_at is null and (claimed_at is null or claimed_at < :stale)""")
          .param("now", now).param("id", d.id()).param("stale", stale).update() == 1) {
        claimed.add(d);
        lines.append(line);
      }
    }
    if (claimed.isEmpty()) {
      return;
    }
    String title = messages.getMessage("channel.heading", new Object[] {claimed.size()}, Locale.SIMPLIFIED_CHINESE);
    String markdown = "**" + title + "**\n\n" + lines;
    Outcome outcome = post(kind, target, title, markdown);
    switch (outcome.kind()) {
      case SENT -> {
        for (Due d : claimed) {
          jdbc.sql("update channel_message set sent_at = :now, claimed_at = null, error = null where id = :id")
              .param("now", OffsetDateTime.now(clock)).param("id", d.id()).update();
        }
      }
      case UNREACHABLE, SLOW_DOWN -> {
        // the robot is away or busy: every post keeps its attempts and waits a little
        OffsetDateTime later = OffsetDateTime.now(clock).plus(outcome.kind() == OutcomeKind.SLOW_DOWN
            ? Duration.ofMinutes(1) : Duration.ZERO);
        for (Due d : claimed) {
          jdbc.sql("update channel_message set claimed_at = null, next_at = :next, error = :error where id = :id")
              .param("next", later).param("error", outcome.error()).param("id", d.id()).update();
        }
        log.warn("channel {} could not post ({}); {} messages wait", target.id(), outcome.error(), claimed.size());
      }
      case REFUSED -> {
        for (Due d : claimed) {
          refused(d, outcome.error());
        }
        log.warn("channel {} refused a post of {} messages: {}", target.id(), claimed.size(), outcome.error());
      }
    }
  }

  private void refused(Due d, String error) {
    int attempts = d.attempts() + 1;
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean givenUp = attempts >= MAX_ATTEMPTS;
    jdbc.sql("""
            update channel_message set claimed_at = null, attempts = :n, next_at = :next, failed_at = :failed,
              error = :error where id = :id""")
        .param("n", attempts).param("next", givenUp ? null : now.plus(retryInterval.multipliedBy(1L << (attempts - 1))))
        .param("failed", givenUp ? now : null).param("error", error).param("id", d.id()).update();
  }

  private Outcome post(ChannelKind kind, Target target, String title, String markdown) {
    String address;
    try {
      // checked again: a channel stored before the rules changed goes nowhere it should not
      address = kind.address(channels.checkedUrl(kind, target.url()), target.secret(), clock.millis());
    } catch (RuntimeException e) {
      return new Outcome(OutcomeKind.REFUSED, "address not allowed");
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(timeout)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(kind.body(json, title, markdown)),
              StandardCharsets.UTF_8))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 429 || response.statusCode() >= 500) {
        return new Outcome(OutcomeKind.UNREACHABLE, "HTTP " + response.statusCode());
      }
      if (response.statusCode() / 100 != 2) {
        return new Outcome(OutcomeKind.REFUSED, "HTTP " + response.statusCode());
      }
      JsonNode answer = json.readTree(response.body());
      int code = answer.path("errcode").asInt(-1);
      if (code == 0) {
        return new Outcome(OutcomeKind.SENT, null);
      }
      String error = abbreviate("errcode " + code + " " + answer.path("errmsg").asText(""));
      return new Outcome(SLOW_DOWN.contains(code) ? OutcomeKind.SLOW_DOWN : OutcomeKind.REFUSED, error);
    } catch (IOException e) {
      return new Outcome(OutcomeKind.UNREACHABLE, abbreviate(e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(OutcomeKind.UNREACHABLE, "interrupted");
    }
  }

  /** One message as a line of the post, in Chinese, with its link when it has one. */
  private String line(Due d) {
    String text = messages.getMessage(d.messageKey(), NotificationService.read(json, d.args()), d.messageKey(),
        Locale.SIMPLIFIED_CHINESE);
    String link = d.link() == null ? "" : " [" + messages.getMessage("channel.open", null, Locale.SIMPLIFIED_CHINESE)
        + "](" + publicUrl + d.link() + ")";
    return "- " + markdownSafe(text) + link + "\n";
  }

  /** Text that cannot become markdown of its own (a name with brackets, a stray link). */
  private static String markdownSafe(String text) {
    return text.replaceAll("[\\[\\]()*_`<>]", " ").replace('\n', ' ');
  }

  private static int bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }

  enum OutcomeKind { SENT, UNREACHABLE, SLOW_DOWN, REFUSED }

  record Outcome(OutcomeKind kind, String error) {}

  record Target(long id, String kind, String url, String secret) {}

  record Due(long id, String link, String messageKey, String args, int attempts) {}

  /** Posts every few seconds, on the instances that run background work. */
  @Component
  @ConditionalOnProperty(name = "jiaoliu.background-jobs", havingValue = "true", matchIfMissing = true)
  static class Rounds {

    private final ChannelSender sender;

    Rounds(ChannelSender sender) {
      this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${jiaoliu.channels.interval:PT10S}", initialDelayString = "PT10S")
    void post() {
      sender.sendPending();
    }
  }
}
