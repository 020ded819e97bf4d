package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private final ProcessDiagrams diagrams = new ProcessDiagrams(messages, List.of());

  @Test
  void theRotationApplicationIsDrawnWithItsProgressAndWhatComesNext() {
    messages.addMessage("task.rotation-application.Task_AcceptTeacher", Locale.ENGLISH, "Accept the teacher");
    messages.addMessage("diagram.title", Locale.ENGLISH, "Process diagram");
    messages.addMessage("diagram.label", Locale.ENGLISH, "{0}: {1}");
    ProcessDiagrams.Drawing drawing = diagrams.draw("rotation-application", Set.of("Task_SignOpinion"),
        Map.of("Task_AcceptTeacher", "Principal of LC-R01, since 2026-12-05 09:00"), Locale.ENGLISH).orElseThrow();

    assertThat(drawing.svg()).startsWith("<svg").endsWith("</svg>")
        // an image with a name a screen reader reads out: the drawing's title and the process's name
        .contains(" role=\"img\" aria-label=\"Process diagram: 教师交流轮岗申请\"")
        .contains("<g class=\"node human done\" data-element=\"Task_SignOpinion\"><title>派出学校签署意见</title>")
        .contains("<g class=\"node human current\" data-element=\"Task_AcceptTeacher\"><title>Accept the teacher"
            + " — Principal of LC-R01, since 2026-12-05 09:00</title>")
        .contains("<g class=\"node human next\" data-element=\"Task_ApproveApplication\"><title>教学办审批</title>")
        .contains("<g class=\"node human\" data-element=\"Task_ReviseApplication\"><title>教师修改申请</title>")
        // the start has been passed; automated steps and timers are drawn, but lighter
        .contains("<g class=\"node event done\" data-element=\"Event_ApplicationSubmitted\">")
        .contains("<g class=\"node auto\" data-element=\"Task_CollectEligibilityFacts\">")
        .contains("<g class=\"node boundary\" data-element=\"Event_AcceptTeacherOverdue\">")
        .contains("<g class=\"node gateway\" data-element=\"Gateway_AcceptanceDecision\">")
        .contains(">接收</text>")
        .contains("marker-end=\"url(#arrow)\"");
    // a done step carries a tick, the current one does not
    assertThat(section(drawing.svg(), "Task_SignOpinion")).contains("class=\"tick\"").contains("✓");
    assertThat(section(drawing.svg(), "Task_AcceptTeacher")).doesNotContain("✓");
    // through the gateway: the office approves next, or the case ends as declined (through an automated step)
    assertThat(drawing.next()).extracting(ProcessDiagrams.Next::elementId)
        .containsExactlyInAnyOrder("Task_ApproveApplication", "Event_DeclinedByReceivingSchool");
    assertThat(drawing.next()).filteredOn(ProcessDiagrams.Next::end).extracting(ProcessDiagrams.Next::name)
        .containsExactly("接收学校不接收");
  }

  @Test
  void afterTheOpinionEveryBranchOfTheGatewayMayComeNext() {
    ProcessDiagrams.Drawing drawing = diagrams.draw("rotation-application", Set.of(),
        Map.of("Task_SignOpinion", ""), Locale.CHINA).orElseThrow();
    assertThat(drawing.next()).extracting(ProcessDiagrams.Next::elementId).containsExactlyInAnyOrder(
        "Task_AcceptTeacher", "Task_ReviseApplication", "Event_RejectedByDispatchingSchool");
  }

  @Test
  void afterTheLastApprovalTheErrorOfAnAutomatedStepIsAnotherEnd() {
    ProcessDiagrams.Drawing drawing = diagrams.draw("rotation-application", Set.of(),
        Map.of("Task_ApproveApplication", ""), Locale.CHINA).orElseThrow();
    assertThat(drawing.next()).extracting(ProcessDiagrams.Next::elementId).containsExactlyInAnyOrder(
        "Event_Approved", "Event_NoQuota", "Event_RejectedByTeachingOffice");
  }

  @Test
  void theAssessmentIsDrawnByTheSameCode() {
    ProcessDiagrams.Drawing drawing = diagrams.draw("annual-assessment", Set.of("Task_WriteSelfEvaluation"),
        Map.of("Task_AssessTeacher", ""), Locale.CHINA).orElseThrow();
    assertThat(drawing.svg()).contains("<g class=\"node human current\" data-element=\"Task_AssessTeacher\">")
        .contains("<g class=\"node human done\" data-element=\"Task_WriteSelfEvaluation\">");
    assertThat(drawing.next()).extracting(ProcessDiagrams.Next::elementId).contains("Task_SignDispatchingOpinion");
  }

  @Test
  void aProcessTheAppDoesNotDeployHasNoDrawing() {
    assertThat(diagrams.draw("leave-request", Set.of(), Map.of(), Locale.CHINA)).isEmpty();
  }

  @Test
  void namesFromTheModelAndHoldersAreEscaped() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("hostile").name("\"><svg onload=x>").startEvent("start")
        .userTask("review").name("<script>alert('x')</script>&\"审核\"")
        .exclusiveGateway("choice").condition("<b>ok</b>", "=true").endEvent("end").name("</svg><img src=x>")
        .moveToLastGateway().userTask("again").name("]]><!--").endEvent("end2").done();
    ProcessDiagrams.Drawing drawing = diagrams.draw(model, "hostile", Set.of(),
        Map.of("review", "<i>Mallory</i>, since now"), Locale.CHINA);

    assertThat(drawing.svg()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;审核&quot;")
        .contains("&lt;i&gt;Mallory&lt;/i&gt;").contains("&lt;b&gt;ok&lt;/b&gt;")
        .contains("&lt;/svg&gt;&lt;img").contains("]]&gt;&lt;!--").contains("aria-label=\"&quot;&gt;&lt;svg onload=x&gt;\"")
        .doesNotContain("<script>").doesNotContain("<i>").doesNotContain("<b>").doesNotContain("<img");
    assertThat(drawing.next()).extracting(ProcessDiagrams.Next::elementId).containsExactlyInAnyOrder("end", "again");
  }

  @Test
  void aPoolIsDrawnBehindItsStepsAndACollapsedSubProcessDoesNotLieOnTop() {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
            xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="http://example.org">
          <collaboration id="c"><participant id="pool" name="&lt;b&gt;教务处" processRef="leave" /></collaboration>
          <process id="leave" isExecutable="true">
            <laneSet id="ls"><lane id="lane" name="审批人"><flowNodeRef>ask</flowNodeRef></lane></laneSet>
            <startEvent id="start" />
            <userTask id="ask" name="请假审批" />
            <subProcess id="inner" name="归档"><startEvent id="innerStart" /></subProcess>
            <sequenceFlow id="f1" sourceRef="start" targetRef="ask" />
            <sequenceFlow id="f2" sourceRef="ask" targetRef="inner" />
            <textAnnotation id="note"><text>&lt;script&gt;</text></textAnnotation>
          </process>
          <bpmndi:BPMNDiagram id="collapsed"><bpmndi:BPMNPlane id="p2" bpmnElement="inner">
            <bpmndi:BPMNShape id="innerStart_di" bpmnElement="innerStart"><dc:Bounds x="160" y="80" width="36" height="36" /></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
          <bpmndi:BPMNDiagram id="main"><bpmndi:BPMNPlane id="p1" bpmnElement="c">
            <bpmndi:BPMNShape id="pool_di" bpmnElement="pool"><dc:Bounds x="0" y="0" width="600" height="200" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="lane_di" bpmnElement="lane"><dc:Bounds x="30" y="0" width="570" height="200" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="60" y="80" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="ask_di" bpmnElement="ask"><dc:Bounds x="150" y="60" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="inner_di" bpmnElement="inner"><dc:Bounds x="300" y="60" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="note_di" bpmnElement="note"><dc:Bounds x="450" y="20" width="100" height="30" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="96" y="98" /><di:waypoint x="150" y="100" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="250" y="100" /><di:waypoint x="300" y="100" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </definitions>
        """.strip().getBytes(StandardCharsets.UTF_8)));

    String svg = diagrams.draw(model, "leave", Set.of(), Map.of("ask", ""), Locale.CHINA).svg();

    assertThat(svg).contains("<g class=\"container\">").contains("&lt;b&gt;教务处").contains(">审批人</text>")
        .contains("data-element=\"ask\"").contains("data-element=\"inner\"")
        .doesNotContain("innerStart").doesNotContain("script");
    assertThat(svg.indexOf("<g class=\"container\">")).isLessThan(svg.indexOf("<polyline"));
    assertThat(svg.indexOf("<polyline")).isLessThan(svg.indexOf("data-element=\"start\""));
  }

  /** The markup of one node, from its group to the next node's. */
  private static String section(String svg, String elementId) {
    int start = svg.indexOf("data-element=\"" + elementId + "\"");
    int end = svg.indexOf("<g class=\"node", start);
    return svg.substring(start, end < 0 ? svg.length() : end);
  }
}
