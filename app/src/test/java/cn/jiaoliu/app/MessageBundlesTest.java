package cn.jiaoliu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Chinese and English must offer the same keys, and no message may be empty. */
class MessageBundlesTest {

  @Test
  void chineseAndEnglishHaveTheSameKeys() throws IOException {
    Properties chinese = load("messages.properties");
    Properties english = load("messages_en.properties");

    assertThat(keys(english)).as("keys missing in English or only in English").isEqualTo(keys(chinese));
  }

  @Test
  void noMessageIsEmpty() throws IOException {
    for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
      Properties messages = load(bundle);
      assertThat(messages.stringPropertyNames())
          .as(bundle)
          .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
    }
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
