package cn.jiaoliu.app.security;

import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the app without real Keycloak client secrets. The repository commits none: the
 * demo ({@code ./run.sh}) generates its own per installation, tests per run, production takes them
 * from its secret store. A missing secret, an unresolved placeholder or one too short to be
 * generated stops the start with the setting and its environment variable named.
 */
@Component
class ClientSecretsCheck {

  /** Keycloak generates 32 characters; anything shorter was typed by hand. */
  static final int MIN_LENGTH = 16;
  /** Words people put into placeholders and demo values (the demo secrets once committed had two of them). */
  static final List<String> TYPED_WORDS = List.of("demo", "secret", "change", "example", "placeholder", "password");

  static final List<Setting> SECRETS = List.of(
      new Setting("jiaoliu.keycloak.client-secret", "JIAOLIU_KEYCLOAK_CLIENT_SECRET", "jiaoliu-app"),
      new Setting("jiaoliu.keycloak.admin.client-secret", "JIAOLIU_KEYCLOAK_ADMIN_CLIENT_SECRET", "jiaoliu-admin"));

  record Setting(String property, String environmentVariable, String client) {}

  ClientSecretsCheck(Environment environment) {
    for (Setting setting : SECRETS) {
      String problem = problemWith(environment.getProperty(setting.property()));
      if (problem != null) {
        throw new IllegalStateException("The secret of Keycloak client " + setting.client() + " " + problem
            + ": set " + setting.property() + " (environment variable " + setting.environmentVariable()
            + ") to the client's secret from Keycloak (./run.sh generates one for the demo in .jiaoliu/secrets)");
      }
    }
  }

  /** What is wrong with the value, or null when it can be a real secret. */
  static String problemWith(String secret) {
    if (secret == null || secret.isBlank()) {
      return "is not set";
    }
    if (secret.contains("${")) {
      return "is an unresolved placeholder";
    }
    if (secret.strip().length() < MIN_LENGTH) {
      return "is shorter than " + MIN_LENGTH + " characters (a placeholder or a demo value, not a generated secret)";
    }
    String lowerCase = secret.toLowerCase(Locale.ROOT);
    for (String word : TYPED_WORDS) {
      if (lowerCase.contains(word)) {
        return "contains \"" + word + "\" (a placeholder or a demo value, not a generated secret)";
      }
    }
    return null;
  }
}
