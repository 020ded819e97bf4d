package cn.jiaoliu.app.operations;

import cn.jiaoliu.app.tasklist.HolderNames;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Who may take a task, in words: {@code group:principal:LC-U01} is 莱城区实验小学 校长,
 * {@code group:teaching-office:LC} 莱城区 教学办, {@code user:teacher.zhang} the user's name.
 */
@Component
class CandidateLabels {

  private static final String GROUP = "group:";
  private static final String USER = "user:";
  private static final String PRINCIPAL = "principal:";
  private static final String OFFICE = "teaching-office:";

  private final MessageSource messages;
  private final HolderNames holders;

  CandidateLabels(MessageSource messages, HolderNames holders) {
    this.messages = messages;
    this.holders = holders;
  }

  /** A candidate key as stored in the inbox; {@code userName} is the display name of a user candidate when known. */
  String label(String candidate, String userName, Locale locale) {
    if (candidate.startsWith(USER)) {
      return userName != null ? userName : candidate.substring(USER.length());
    }
    String group = candidate.startsWith(GROUP) ? candidate.substring(GROUP.length()) : candidate;
    if (group.startsWith(PRINCIPAL) || group.startsWith(OFFICE)) {
      return holders.of(candidate, locale); // by the school's or the district's name, not its code
    }
    if (group.equals("admin")) {
      return message("operations.holder.admin", locale);
    }
    return group;
  }

  String claimed(String name, Locale locale) {
    return message("operations.holder.claimed", locale, name);
  }

  String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }

  /** The message, or {@code fallback} where there is none (an element or job type the bundles do not name). */
  String messageOr(String key, String fallback, Locale locale) {
    return messages.getMessage(key, null, fallback, locale);
  }
}
