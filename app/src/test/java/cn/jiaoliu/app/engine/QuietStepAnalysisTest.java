package cn.jiaoliu.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which user tasks nothing in the engine can end by itself, construct by construct. */
class QuietStepAnalysisTest {

  static final Set<String> HANDLED = Set.of("application-withdrawn");

  @Test
  void everyStepOfTheAppsOwnProcessesIsQuiet() throws IOException {
    Map<String, Set<String>> quiet = QuietStepAnalysis.quietSteps(
        List.of(classpath("bpmn/rotation-application.bpmn"), classpath("bpmn/annual-assessment.bpmn")), HANDLED);

    assertThat(quiet.get("rotation-application")).containsExactlyInAnyOrder("Task_SignOpinion",
        "Task_ReviseApplication", "Task_AcceptTeacher", "Task_ApproveApplication");
    assertThat(quiet.get("annual-assessment")).containsExactlyInAnyOrder("Task_WriteSelfEvaluation",
        "Task_AssessTeacher", "Task_SignDispatchingOpinion", "Task_ApproveAssessment");
  }

  @Test
  void aWithdrawalTheAppDoesNotHandleMakesTheApplicationStepsLoud() throws IOException {
    Map<String, Set<String>> quiet = QuietStepAnalysis.quietSteps(
        List.of(classpath("bpmn/rotation-application.bpmn")), Set.of());

    assertThat(quiet.getOrDefault("rotation-application", Set.of())).isEmpty();
  }

  @Test
  void anInterruptingTimerOnTheTaskEndsIt() {
    assertThat(quiet(p -> p.startEvent().userTask("t").boundaryEvent("timer").cancelActivity(true)
        .timerWithDuration("PT5S").endEvent().moveToActivity("t").endEvent())).isEmpty();
    assertThat(quiet(p -> p.startEvent().userTask("t").boundaryEvent("reminder").cancelActivity(false)
        .timerWithDuration("PT5S").endEvent().moveToActivity("t").endEvent())).containsExactly("t");
  }

  @Test
  void anInterruptingEventOnASubProcessAroundTheTaskEndsIt() {
    assertThat(quiet(p -> p.startEvent().subProcess("sub").embeddedSubProcess().startEvent().userTask("t").endEvent()
        .subProcessDone().boundaryEvent("timer").cancelActivity(true).timerWithDuration("PT1H").endEvent()
        .moveToActivity("sub").endEvent())).isEmpty();
  }

  @Test
  void anInterruptingEventSubProcessEndsTheTasksOfItsScope() {
    assertThat(quiet(p -> p.eventSubProcess("escalate", e -> e.startEvent().interrupting(true)
        .timerWithDuration("PT1H").endEvent()).startEvent().userTask("t").endEvent())).isEmpty();
    assertThat(quiet(p -> p.eventSubProcess("remind", e -> e.startEvent().interrupting(false)
        .timerWithDuration("PT1H").endEvent()).startEvent().userTask("t").endEvent())).containsExactly("t");
    assertThat(quiet(p -> p.eventSubProcess("withdraw", e -> e.startEvent().interrupting(true)
        .message(m -> m.name("application-withdrawn").zeebeCorrelationKeyExpression("=id")).endEvent())
        .startEvent().userTask("t").endEvent())).as("a message only the app sends, closing the tasks itself")
        .containsExactly("t");
  }

  @Test
  void aTerminateEndEventInTheScopeEndsItButNotOneInASubProcessBeside() {
    assertThat(quiet(p -> p.startEvent().parallelGateway("fork").userTask("t").endEvent().moveToNode("fork")
        .serviceTask("s", s -> s.zeebeJobType("x")).endEvent("terminate", e -> e.terminate()))).isEmpty();
    assertThat(quiet(p -> p.startEvent().parallelGateway("fork").userTask("t").endEvent().moveToNode("fork")
        .subProcess("sub").embeddedSubProcess().startEvent().endEvent("terminate", e -> e.terminate())
        .subProcessDone().endEvent())).containsExactly("t");
  }

  @Test
  void aMultiInstanceCompletionConditionEndsTheRemainingTasks() {
    assertThat(quiet(p -> p.startEvent().userTask("t", t -> t.multiInstance().parallel()
        .zeebeInputCollectionExpression("=[1,2,3]").completionCondition("=true").multiInstanceDone()).endEvent()))
        .isEmpty();
    assertThat(quiet(p -> p.startEvent().userTask("t", t -> t.multiInstance().parallel()
        .zeebeInputCollectionExpression("=[1,2,3]").multiInstanceDone()).endEvent())).containsExactly("t");
  }

  @Test
  void aProcessAnotherCallsCanBeEndedFromOutside() {
    BpmnModelInstance child = Bpmn.createExecutableProcess("child").startEvent().userTask("t").endEvent().done();
    BpmnModelInstance parent = Bpmn.createExecutableProcess("parent").startEvent()
        .callActivity("call", c -> c.zeebeProcessId("child")).endEvent().done();

    assertThat(QuietStepAnalysis.quietSteps(List.of(bytes(child), bytes(parent)), HANDLED)).doesNotContainKey("child");
    assertThat(QuietStepAnalysis.quietSteps(List.of(bytes(child)), HANDLED)).containsKey("child");
  }

  private static Set<String> quiet(Function<ProcessBuilder, AbstractFlowNodeBuilder<?, ?>> build) {
    BpmnModelInstance model = build.apply(Bpmn.createExecutableProcess("p")).done();
    return QuietStepAnalysis.quietSteps(List.of(bytes(model)), HANDLED).getOrDefault("p", Set.of());
  }

  private static byte[] bytes(BpmnModelInstance model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
  }

  private static byte[] classpath(String path) throws IOException {
    try (InputStream in = QuietStepAnalysisTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
