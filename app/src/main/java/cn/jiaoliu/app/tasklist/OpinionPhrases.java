package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.persistence.RecordRows;
import cn.jiaoliu.app.web.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 常用语: phrases a user keeps for the opinions they write ("同意。", "情况属实，同意推荐。"), in
 * their order; one click puts a phrase into the opinion. Someone who kept none has the bundle's
 * defaults; the first change starts their own list from those.
 */
@Service
public class OpinionPhrases {

  static final int TEXT_MAX = 200;
  static final int MAX_PHRASES = 20;
  static final int DEFAULTS = 5;

  private final JdbcClient jdbc;
  private final MessageSource messages;

  OpinionPhrases(JdbcClient jdbc, MessageSource messages) {
    this.jdbc = jdbc;
    this.messages = messages;
  }

  /** A kept phrase; id 0 for a default not yet kept. */
  public record Phrase(long id, String text) {}

  public List<Phrase> of(String username, Locale locale) {
    List<Phrase> own = own(username);
    return own.isEmpty() ? defaults(locale) : own;
  }

  @Transactional
  public void add(String username, String text, Locale locale) {
    String phrase = text == null ? "" : text.strip();
    if (phrase.isEmpty()) {
      throw UserFacingException.field("text", "phrase.required");
    }
    if (phrase.length() > TEXT_MAX) {
      throw UserFacingException.field("text", "error.tooLong");
    }
    List<Phrase> phrases = startOwn(username, locale);
    if (phrases.stream().anyMatch(p -> p.text().equals(phrase))) {
      throw UserFacingException.field("text", "phrase.duplicate");
    }
    if (phrases.size() >= MAX_PHRASES) {
      throw UserFacingException.field("text", "phrase.tooMany", MAX_PHRASES);
    }
    insert(username, phrase, phrases.size());
  }

  @Transactional
  public void remove(String username, long id, Locale locale) {
    startOwn(username, locale);
    if (jdbc.sql("delete from opinion_phrase where id = :id and username = :u").param("id", id).param("u", username)
        .update() == 0) {
      throw UserFacingException.notFound();
    }
  }

  /** Moves a phrase one place up (towards the first). */
  @Transactional
  public void moveUp(String username, long id, Locale locale) {
    List<Phrase> phrases = new ArrayList<>(startOwn(username, locale));
    int at = -1;
    for (int i = 0; i < phrases.size(); i++) {
      if (phrases.get(i).id() == id) {
        at = i;
      }
    }
    if (at < 0) {
      throw UserFacingException.notFound();
    }
    if (at > 0) {
      phrases.add(at - 1, phrases.remove(at));
      for (int i = 0; i < phrases.size(); i++) {
        jdbc.sql("update opinion_phrase set position = :p where id = :id").param("p", i)
            .param("id", phrases.get(i).id()).update();
      }
    }
  }

  /** The user's own list, started from the defaults when they have none yet. */
  private List<Phrase> startOwn(String username, Locale locale) {
    List<Phrase> own = own(username);
    if (!own.isEmpty()) {
      return own;
    }
    List<Phrase> defaults = defaults(locale);
    for (int i = 0; i < defaults.size(); i++) {
      insert(username, defaults.get(i).text(), i);
    }
    return own(username);
  }

  private List<Phrase> own(String username) {
    return jdbc.sql("select id, text from opinion_phrase where username = :u order by position, id")
        .param("u", username).query(RecordRows.of(Phrase.class)).list();
  }

  private List<Phrase> defaults(Locale locale) {
    List<Phrase> defaults = new ArrayList<>();
    for (int i = 1; i <= DEFAULTS; i++) {
      defaults.add(new Phrase(0, messages.getMessage("phrase.default." + i, null, locale)));
    }
    return defaults;
  }

  private void insert(String username, String text, int position) {
    jdbc.sql("insert into opinion_phrase (username, text, position) values (:u, :t, :p)").param("u", username)
        .param("t", text).param("p", position).update();
  }
}
