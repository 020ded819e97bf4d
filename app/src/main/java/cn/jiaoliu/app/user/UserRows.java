package cn.jiaoliu.app.user;

import cn.jiaoliu.app.programme.School;
import cn.jiaoliu.app.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Keycloak's user representations as the administration pages show them. */
final class UserRows {

  private UserRows() {}

  /** A user's district: the attribute, else their school's. */
  static UserAdministration.UserRow row(JsonNode user, List<String> roles, Map<String, School> schoolsByCode) {
    String school = attribute(user, "schoolCode");
    String district = attribute(user, "districtCode");
    School s = school == null ? null : schoolsByCode.get(school);
    if (district == null && s != null) {
      district = s.districtCode();
    }
    String username = user.path("username").asText();
    String name = (text(user, "firstName") + text(user, "lastName")).replace(" ", "");
    List<String> sorted = roles.stream()
        .sorted(Comparator.comparing(r -> Role.fromRealmRole(r).map(Enum::ordinal).orElse(99))).toList();
    return new UserAdministration.UserRow(username, name.isBlank() ? username : name, blankToNull(text(user, "email")), sorted, school,
        s == null ? null : s.name(), district, user.path("enabled").asBoolean(false));
  }

  static List<String> jiaoliuRoles(List<JsonNode> mapped) {
    return mapped.stream().map(r -> r.path("name").asText()).filter(n -> Role.fromRealmRole(n).isPresent()).toList();
  }

  /** E.g. {@code teacher LC-U01}, {@code teaching-office LC}; null for a user with neither role nor school nor district. */
  static String describe(String school, String district, List<String> roles) {
    String text = (String.join(",", roles) + " " + (school != null ? school : district != null ? district : "")).strip();
    return text.isEmpty() ? null : text;
  }

  static String attribute(JsonNode user, String name) {
    JsonNode values = user.path("attributes").path(name);
    return values.isArray() && !values.isEmpty() ? blankToNull(values.get(0).asText()) : null;
  }

  static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : "";
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
