package cn.jiaoliu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundle the app is configured with: Chinese and English offer the same keys, no message is
 * empty, no key is defined in two bundles (the first one would win silently), and every key a
 * template names as such is defined (Thymeleaf would show it as ??key_zh_CN??).
 */
class MessageBundlesTest {

  /** The bundles in {@code spring.messages.basename}, read from application.yaml. */
  static List<String> bundles() throws IOException {
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream("application.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String line = yaml.lines().filter(l -> l.strip().startsWith("basename:")).findFirst().orElseThrow();
      return Arrays.stream(line.substring(line.indexOf(':') + 1).split(",")).map(String::strip).toList();
    }
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void chineseAndEnglishHaveTheSameKeys(String bundle) throws IOException {
    assertThat(keys(load(bundle + "_en.properties"))).as("keys missing in English or only in English")
        .isEqualTo(keys(load(bundle + ".properties")));
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void noMessageIsEmpty(String bundle) throws IOException {
    for (String name : new String[] {bundle + ".properties", bundle + "_en.properties"}) {
      Properties messages = load(name);
      assertThat(messages.stringPropertyNames())
          .as(name)
          .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
    }
  }

  @Test
  void noKeyIsInTwoBundles() throws IOException {
    Map<String, String> owner = new HashMap<>();
    for (String bundle : bundles()) {
      for (String key : load(bundle + ".properties").stringPropertyNames()) {
        String before = owner.put(key, bundle);
        assertThat(before).as("%s is in %s and %s", key, before, bundle).isNull();
      }
    }
  }

  @Test
  void everyKeyATemplateNamesIsDefined() throws IOException {
    Set<String> defined = new TreeSet<>();
    for (String bundle : bundles()) {
      defined.addAll(load(bundle + ".properties").stringPropertyNames());
    }
    // #{key} and #{key(arguments)}; keys built from expressions (#{${...}}) are not literal and not read here
    Pattern literal = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> templates = Files.walk(Path.of("src", "main", "resources", "templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher m = literal.matcher(Files.readString(template));
        while (m.find()) {
          if (!defined.contains(m.group(1))) {
            missing.add(m.group(1) + " in " + template.getFileName());
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theDefaultBundleIsChinese() throws IOException {
    assertThat(load("messages.properties").getProperty("nav.tasks")).isEqualTo("待办");
  }

  private static Set<String> keys(Properties properties) {
    return new TreeSet<>(properties.stringPropertyNames());
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
