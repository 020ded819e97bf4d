package cn.jiaoliu.app.modelling;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.app.forms.CamundaForms;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What the upload refuses, with its reason in Chinese, and what it accepts and how it deploys it. */
class ModelCheckTest {

  private static final String FORM = """
      {"id": "approve", "type": "default", "components": [
        {"type": "radio", "key": "approved", "label": "意见", "values": [{"label": "同意", "value": "yes"}, {"label": "不同意", "value": "no"}],
         "validate": {"required": true}}]}""";

  private final ModelCheck check = new ModelCheck(
      new CamundaForms(new ObjectMapper(), Clock.systemUTC(), ZoneId.of("Asia/Shanghai")),
      ModelDeployments.COMPILED, id -> Optional.empty());

  private static String bpmn(String processId, String taskExtensions) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="%s" name="请假审批" isExecutable="true">
            <bpmn:startEvent id="Event_Start"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Approve"/>
            <bpmn:userTask id="Task_Approve" name="审批">
              <bpmn:extensionElements>%s</bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Approve" targetRef="Event_End"/>
            <bpmn:endEvent id="Event_End"/>
          </bpmn:process>
        </bpmn:definitions>""".formatted(processId, taskExtensions);
  }

  private static final String GOOD_TASK = """
      <zeebe:formDefinition formId="approve"/>
      <zeebe:assignmentDefinition candidateGroups="=[&quot;principal:&quot; + starterSchoolCode]"/>
      <zeebe:taskSchedule dueDate="=now() + duration(&quot;P3D&quot;)"/>""";

  private ModelCheck.Result check(String bpmn, String... forms) {
    List<ModelFile> files = new ArrayList<>();
    files.add(new ModelFile("leave.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < forms.length; i++) {
      files.add(new ModelFile("form" + i + ".form", forms[i].getBytes(StandardCharsets.UTF_8)));
    }
    return check.check(files);
  }

  private static List<String> reasons(ModelCheck.Result result) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return result.problems().stream().map(p -> (p.where() == null ? "" : p.where() + "：")
        + messages.getMessage(p.messageKey(), p.args(), Locale.SIMPLIFIED_CHINESE)).toList();
  }

  @Test
  void aScopedTaskWithDueDateAndFormIsAccepted() {
    ModelCheck.Result result = check(bpmn("leave-request", GOOD_TASK), FORM);
    assertThat(result.problems()).isEmpty();
    assertThat(result.processes()).extracting(ModelCheck.FoundProcess::bpmnProcessId).containsExactly("leave-request");
    assertThat(result.deployable()).hasSize(2);
  }

  @Test
  void aUserTaskWithoutScopeIsRefusedWithTheReasonInChinese() {
    String none = GOOD_TASK.replaceAll("<zeebe:assignmentDefinition[^>]*/>", "");
    assertThat(reasons(check(bpmn("leave-request", none), FORM)))
        .containsExactly("审批（Task_Approve）：用户任务没有指定办理人或候选组。");
    String unscoped = GOOD_TASK.replaceAll("candidateGroups=\"[^\"]*\"", "candidateGroups=\"approvers\"");
    assertThat(reasons(check(bpmn("leave-request", unscoped), FORM))).singleElement().asString()
        .contains("候选组“approvers”没有范围");
    String unscopedExpression = GOOD_TASK.replaceAll("candidateGroups=\"[^\"]*\"", "candidateGroups=\"=[group]\"");
    assertThat(reasons(check(bpmn("leave-request", unscopedExpression), FORM))).singleElement().asString()
        .contains("没有给出范围");
    String person = GOOD_TASK.replaceAll("candidateGroups=\"[^\"]*\"", "assignee=\"=starterUsername\"");
    assertThat(check(bpmn("leave-request", person), FORM).problems()).isEmpty();
  }

  @Test
  void aUserTaskWithoutFormOrDueDateIsRefused() {
    String noForm = GOOD_TASK.replace("<zeebe:formDefinition formId=\"approve\"/>", "");
    assertThat(reasons(check(bpmn("leave-request", noForm)))).containsExactly(
        "审批（Task_Approve）：用户任务没有表单：请为它关联或嵌入 Camunda 表单。");
    assertThat(reasons(check(bpmn("leave-request", GOOD_TASK)))).containsExactly(
        "审批（Task_Approve）：找不到表单“approve”：请把表单文件一并上传。");
    String noDue = GOOD_TASK.replaceAll("<zeebe:taskSchedule[^>]*/>", "");
    assertThat(reasons(check(bpmn("leave-request", noDue), FORM))).containsExactly(
        "审批（Task_Approve）：用户任务没有截止时间（dueDate）。");
    String filePicker = FORM.replace("\"type\": \"radio\"", "\"type\": \"filepicker\"");
    assertThat(reasons(check(bpmn("leave-request", GOOD_TASK), filePicker))).anySatisfy(r ->
        assertThat(r).contains("不支持的表单组件“filepicker”"));
  }

  @Test
  void camundaUserTasksAreDeployedAsJobWorkerUserTasks() {
    ModelCheck.Result result = check(bpmn("leave-request", "<zeebe:userTask/>" + GOOD_TASK), FORM);
    assertThat(result.problems()).isEmpty();
    assertThat(result.notes()).containsExactly("leave.bpmn: 1");
    String deployed = result.deployable().get(0).text();
    assertThat(deployed).doesNotContain("userTask/>").doesNotContain("zeebe:userTask ").contains("Task_Approve")
        .contains("formId=\"approve\"");
  }

  @Test
  void theAppsOwnProcessesUnreadableFilesAndEntitiesAreRefused() {
    assertThat(reasons(check(bpmn("rotation-application", GOOD_TASK), FORM))).singleElement().asString()
        .contains("平台内置流程");
    assertThat(check.check(List.of(new ModelFile("x.bpmn", "<not-bpmn".getBytes(StandardCharsets.UTF_8))))
        .problems()).extracting(ModelProblem::messageKey).containsExactly("model.problem.unreadable");
    String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + "<x>&e;</x>";
    assertThat(check.check(List.of(new ModelFile("x.bpmn", entity.getBytes(StandardCharsets.UTF_8)))).problems())
        .extracting(ModelProblem::messageKey).containsExactly("model.problem.doctype");
    assertThat(check.check(List.of(new ModelFile("x.bpmn", entity.getBytes(StandardCharsets.UTF_16)))).problems())
        .as("UTF-16 would hide the DOCTYPE").extracting(ModelProblem::messageKey)
        .containsExactly("model.problem.encoding");
    assertThat(check.check(List.of(new ModelFile("x.exe", new byte[] {1}))).problems())
        .extracting(ModelProblem::messageKey).containsExactly("model.problem.kind");
    assertThat(check.check(List.of()).problems()).extracting(ModelProblem::messageKey)
        .containsExactly("model.problem.noFiles");
  }

  @Test
  void theDemonstrationClassPassesAsItIsDeployedByTheDemo() throws IOException {
    List<ModelFile> files = new ArrayList<>();
    for (Resource r : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:modelled/demonstration-class/*.*")) {
      files.add(new ModelFile(r.getFilename(), r.getContentAsByteArray()));
    }
    ModelCheck.Result result = check.check(files);
    assertThat(reasons(result)).isEmpty();
    assertThat(result.processes()).singleElement().satisfies(p -> {
      assertThat(p.bpmnProcessId()).isEqualTo("demonstration-class");
      assertThat(p.startForm()).isTrue();
    });
    assertThat(Set.copyOf(result.deployable().stream().map(ModelFile::name).toList())).hasSize(files.size());
  }
}
