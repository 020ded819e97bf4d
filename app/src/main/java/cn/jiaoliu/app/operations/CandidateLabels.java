package cn.jiaoliu.app.operations;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Who may take a task, in words: {@code group:principal:LC-U01} is 校长（LC-U01）,
 * {@code group:teaching-office:LC} 教学办（LC）, {@code user:teacher.zhang} the user's name.
 */
@Component
class CandidateLabels {

  private static final String GROUP = "group:";
  private static final String USER = "user:";
  private static final String PRINCIPAL = "principal:";
  private static final String OFFICE = "teaching-office:";

  private final MessageSource messages;

  CandidateLabels(MessageSource messages) {
    this.messages = messages;
  }

  /** A candidate key as stored in the inbox; {@code userName} is the display name of a user candidate when known. */
  String label(String candidate, String userName, Locale locale) {
    if (candidate.startsWith(USER)) {
      return userName != null ? userName : candidate.substring(USER.length());
    }
    String group = candidate.startsWith(GROUP) ? candidate.substring(GROUP.length()) : candidate;
    if (group.startsWith(PRINCIPAL)) {
      return message("operations.holder.principal", locale, group.substring(PRINCIPAL.length()));
    }
    if (group.startsWith(OFFICE)) {
      return message("operations.holder.office", locale, group.substring(OFFICE.length()));
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
