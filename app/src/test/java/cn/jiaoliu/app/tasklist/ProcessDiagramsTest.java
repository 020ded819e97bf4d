package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/**
 * The process drawn from the model the app deploys: every step of the rotation application is
 * there, the steps done and current are marked, what may come next is found through the gateway,
 * and a name written by a modeller cannot inject markup.
 */
class ProcessDiagramsTest {

  private final StaticMessageSource messages = new StaticMessageSource();
  private final ProcessDiagrams diagrams = new ProcessDiagrams(messages);

  @Test
  void theRotationApplicationIsDrawnWithItsProgressAndWhatComesNext() {
    messages.addMessage("task.rotation-application.Task_AcceptTeacher", Locale.ENGLISH, "Accept the teacher");
    ProcessDiagrams.Drawing drawing = diagrams.draw("rotation-application", Set.of("Task_SignOpinion"),
        Set.of("Task_AcceptTeacher"), Locale.ENGLISH).orElseThrow();

    assertThat(drawing.svg()).startsWith("<svg").endsWith("</svg>")
        .contains("<g class=\"node human done\"><title>派出学校签署意见</title>")
        .contains("<g class=\"node human current\"><title>Accept the teacher</title>")
        .contains("<g class=\"node human next\"><title>教学办审批</title>")
        .contains("<g class=\"node human \"><title>教师修改申请</title>")
        .contains("marker-end=\"url(#arrow)\"");
    assertThat(drawing.next()).contains("Task_ApproveApplication").doesNotContain("Task_AcceptTeacher",
        "Task_SignOpinion");
  }

  @Test
  void aProcessTheAppDoesNotDeployHasNoDrawing() {
    assertThat(diagrams.draw("leave-request", Set.of(), Set.of(), Locale.CHINA)).isEmpty();
  }

  @Test
  void namesFromTheModelAreEscaped() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("hostile").startEvent("start")
        .userTask("review").name("<script>alert('x')</script>&\"审核\"").endEvent("end").done();
    ProcessDiagrams.Drawing drawing = diagrams.draw(model, "hostile", Set.of("start"), Set.of("review"),
        Locale.CHINA);

    assertThat(drawing.svg()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;审核&quot;")
        .doesNotContain("<script>");
    assertThat(drawing.next()).containsExactly("end");
  }
}
