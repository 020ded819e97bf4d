package cn.jiaoliu.app.tasklist;

import cn.jiaoliu.app.programme.SchoolDirectory;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.user.UserDirectory;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Who holds a step, in words people read: a user by name, a school's principals as 城关一小 校长,
 * a district's teaching office as 莱城区 教学办; never a login name or a code.
 */
@Component
public class HolderNames {

  private static final String PRINCIPAL = "principal:";
  private static final String OFFICE = "teaching-office:";

  private final SchoolDirectory directory;
  private final UserDirectory users;
  private final MessageSource messages;

  HolderNames(SchoolDirectory directory, UserDirectory users, MessageSource messages) {
    this.directory = directory;
    this.users = users;
    this.messages = messages;
  }

  /** A stored candidate key ({@code group:principal:LC-U01}, {@code user:teacher.zhang}) in words. */
  public String of(String candidate, Locale locale) {
    if (candidate == null) {
      return "";
    }
    String user = CandidateKey.user("");
    if (candidate.startsWith(user)) {
      return userName(candidate.substring(user.length()));
    }
    String group = candidate.startsWith(CandidateKey.group("")) ? candidate.substring(CandidateKey.group("").length())
        : candidate;
    if (group.startsWith(PRINCIPAL)) {
      String school = group.substring(PRINCIPAL.length());
      return messages.getMessage("holder.principal", new Object[] {
          directory.schoolNames(List.of(school)).getOrDefault(school, school)}, locale);
    }
    if (group.startsWith(OFFICE)) {
      String district = group.substring(OFFICE.length());
      String name = directory.districtName(district);
      return messages.getMessage("holder.office", new Object[] {name == null ? district : name}, locale);
    }
    return messages.getMessage("holder.group." + group, null, group, locale);
  }

  /** A user's name as the directory knows it; the login name only for a user the app never saw. */
  public String userName(String username) {
    return users.find(username).map(UserDirectory.KnownUser::displayName).orElse(username);
  }
}
