package cn.jiaoliu.app.modelling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * bpmnlint with the camunda-compat plug-in over uploads, with the linter the processes module
 * installs in its build (node_modules): a process without an end event is refused, a sound model passes.
 */
class ModelLintTest {

  private final ModelLint lint = new ModelLint(Path.of("..", "processes").toString());

  private static ModelFile model(String name, String content) {
    return new ModelFile(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String homeVisit() throws IOException {
    try (InputStream in = ModelLintTest.class.getResourceAsStream("/models/home-visit.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aProcessWithoutEndIsFoundAndASoundModelPasses() throws IOException {
    assertThat(lint.available()).as("the processes module's build installs bpmnlint into processes/node_modules")
        .isTrue();
    String sound = homeVisit();
    String noEnd = sound.replaceAll("(?s)<bpmn:sequenceFlow id=\"Flow_ToEnd\".*?/>", "")
        .replaceAll("(?s)<bpmn:endEvent .*?</bpmn:endEvent>", "").replace("<bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>", "")
        .replaceAll("(?s)<bpmndi:BPMNShape id=\"Shape_VisitReviewed\".*?</bpmndi:BPMNShape>", "")
        .replaceAll("(?s)<bpmndi:BPMNEdge id=\"Edge_ToEnd\".*?</bpmndi:BPMNEdge>", "");
    assertThat(lint.lint(List.of(model("good.bpmn", sound)))).isEmpty();
    List<ModelProblem> problems = lint.lint(List.of(model("good.bpmn", sound), model("broken.bpmn", noEnd)));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("broken.bpmn · home-visit");
      assertThat(p.args()).containsExactly("Process is missing end event", "end-event-required");
    });
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    assertThat(messages.getMessage(problems.get(0).messageKey(), problems.get(0).args(), Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("bpmnlint（end-event-required）：Process is missing end event");
  }
}
