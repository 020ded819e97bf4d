package cn.jiaoliu.processes.demonstration;

import static cn.jiaoliu.processes.ProcessTestSupport.activateOne;
import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static cn.jiaoliu.processes.ProcessTestSupport.idle;
import static cn.jiaoliu.processes.ProcessTestSupport.noJobOf;
import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static java.util.stream.Collectors.toMap;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.UserTaskHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.client.api.response.Form;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per path through {@code demonstration-class} (送教下乡示范课), the process modelled only
 * with BPMN, DMN and linked forms, on the embedded engine; and the contract of its forms and model.
 * Every completion sends exactly the keys of the form the task links to.
 */
@ZeebeProcessTest
class DemonstrationClassProcessTest {

  private static final String DIR = "modelled/demonstration-class/";
  private static final String BPMN = DIR + "demonstration-class.bpmn";
  private static final String DMN = DIR + "demonstration-class-activity.dmn";
  private static final String PROCESS_ID = "demonstration-class";
  private static final String DECISION_ID = "demonstration-class-activity";

  private static final String FORM_PROPOSAL = "demonstration-class-proposal";
  private static final String FORM_CONFIRM_DATE = "demonstration-class-confirm-date";
  private static final String FORM_APPROVE_DISPATCH = "demonstration-class-approve-dispatch";
  private static final String FORM_REPORT = "demonstration-class-report";
  private static final String FORM_CONFIRM_REPORT = "demonstration-class-confirm-report";
  private static final String FORM_RECORD = "demonstration-class-record";
  private static final List<String> FORMS =
      List.of(FORM_PROPOSAL, FORM_CONFIRM_DATE, FORM_APPROVE_DISPATCH, FORM_REPORT, FORM_CONFIRM_REPORT, FORM_RECORD);

  private static final String TASK_CONFIRM_DATE = "Task_ConfirmDate";
  private static final String TASK_APPROVE_DISPATCH = "Task_ApproveDispatch";
  private static final String TASK_FILE_REPORT = "Task_FileReport";
  private static final String TASK_CONFIRM_REPORT = "Task_ConfirmReport";
  private static final String TASK_DECIDE_ACTIVITY = "Task_DecideActivity";
  private static final String TASK_RECORD_ACTIVITY = "Task_RecordActivity";

  private static final String TEACHER = "teacher.li";
  private static final String DISPATCHING_SCHOOL = "LC-U01";
  private static final String RECEIVING_SCHOOL = "LC-R01";
  private static final String DISTRICT = "LC";
  private static final String PAIRING = DISPATCHING_SCHOOL + "→" + RECEIVING_SCHOOL;
  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  private static final Set<String> INPUT_TYPES =
      Set.of("textfield", "textarea", "number", "datetime", "select", "radio", "checkbox", "checklist", "taglist");
  private static final Set<String> OTHER_TYPES = Set.of("text", "group", "dynamiclist", "separator", "spacer");
  private static final Pattern SCOPED_CANDIDATES =
      Pattern.compile("=\\[\"(principal|teaching-office):\" \\+ (receivingSchoolCode|starterSchoolCode|starterDistrictCode)]");
  private static final Pattern MEANINGFUL_ID = Pattern.compile("(Event|Task|Gateway|Flow)_[A-Z][A-Za-z]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  /** formId → key of the form deployed with the process; a linked user task carries it in its form key header. */
  private Map<String, Long> formKeys;

  @BeforeEach
  void deployProcessDecisionAndForms() {
    List<String> resources = new ArrayList<>(List.of(BPMN, DMN));
    FORMS.forEach(formId -> resources.add(DIR + formId + ".form"));
    DeploymentEvent deployment = deploy(client, resources.toArray(String[]::new));
    formKeys = deployment.getForm().stream().collect(toMap(Form::getFormId, Form::getFormKey));
    assertThat(formKeys).containsOnlyKeys(FORMS);
  }

  // ------------------------------------------------------------------ paths

  @Test
  void declinedByTheReceivingSchool() {
    ProcessInstanceEvent instance = start("2027-10-14", "示范课");
    OffsetDateTime started = OffsetDateTime.now();

    ActivatedJob confirm = userTask(TASK_CONFIRM_DATE, FORM_CONFIRM_DATE);
    assertCandidates(confirm, CandidateGroups.principalOf(RECEIVING_SCHOOL));
    assertDue(confirm, started.plusDays(5));
    assertThat(confirm.getVariablesAsMap()).containsEntry("classDate", "2027-10-14").containsEntry("topic", "分数的初步认识");
    submit(confirm, FORM_CONFIRM_DATE, Map.of("dateConfirmed", "no", "classDate", "2027-10-14", "dateOpinion", "当周期中考试，请改期"));
    idle(engine);

    assertThat(instance)
        .hasPassedElementsInOrder("Event_ClassProposed", TASK_CONFIRM_DATE, "Gateway_DateConfirmed", "Event_ClassDeclined")
        .hasNotPassedElement(TASK_APPROVE_DISPATCH)
        .hasVariableWithValue("dateConfirmed", "no")
        .hasVariableWithValue("dateOpinion", "当周期中考试，请改期")
        .hasVariableWithValue("pairing", PAIRING)
        .hasVariableWithValue("semester", "2027-2028学年第一学期")
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  @Test
  void notApprovedByTheDispatchingPrincipal() {
    ProcessInstanceEvent instance = start("2027-10-14", "示范课");
    OffsetDateTime started = OffsetDateTime.now();
    confirmDate("2027-10-14");

    ActivatedJob approval = userTask(TASK_APPROVE_DISPATCH, FORM_APPROVE_DISPATCH);
    assertCandidates(approval, CandidateGroups.principalOf(DISPATCHING_SCHOOL));
    assertDue(approval, started.plusDays(3));
    submit(approval, FORM_APPROVE_DISPATCH, Map.of("dispatchApproved", "no", "dispatchOpinion", "该教师本周有毕业班复习课"));
    idle(engine);

    assertThat(instance)
        .hasPassedElementsInOrder(TASK_CONFIRM_DATE, TASK_APPROVE_DISPATCH, "Gateway_DispatchApproved", "Event_ClassNotApproved")
        .hasNotPassedElement(TASK_FILE_REPORT)
        .hasVariableWithValue("dispatchApproved", "no")
        .hasVariableWithValue("pairing", PAIRING)
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  @Test
  void fullPathWithThreeOrMoreTeachersCountsAsJointTeachingResearch() {
    ProcessInstanceEvent instance = start("2027-10-14", "示范课");
    OffsetDateTime started = OffsetDateTime.now();
    confirmDate("2027-10-14");
    approveDispatch();

    ActivatedJob report = userTask(TASK_FILE_REPORT, FORM_REPORT);
    assertThat(report.getCustomHeaders())
        .containsEntry(UserTaskHeaders.ASSIGNEE, TEACHER)
        .doesNotContainKeys(UserTaskHeaders.CANDIDATE_GROUPS, UserTaskHeaders.CANDIDATE_USERS);
    assertDue(report, reportDue("2027-10-14"));
    submit(report, FORM_REPORT, report(42, 6, "用学具分一分、折一折，学生理解了几分之一。"));

    ActivatedJob confirmation = userTask(TASK_CONFIRM_REPORT, FORM_CONFIRM_REPORT);
    assertCandidates(confirmation, CandidateGroups.principalOf(RECEIVING_SCHOOL));
    assertDue(confirmation, started.plusDays(5));
    assertThat(confirmation.getVariablesAsMap()).containsEntry("teachersPresent", 6).containsEntry("reportRound", 1);
    submit(confirmation, FORM_CONFIRM_REPORT, Map.of("reportConfirmed", "yes", "reportOpinion", "属实"));

    ActivatedJob record = userTask(TASK_RECORD_ACTIVITY, FORM_RECORD);
    assertCandidates(record, CandidateGroups.teachingOfficeOf(DISTRICT));
    assertDue(record, started.plusDays(10));
    assertThat(record.getVariablesAsMap())
        .containsEntry("activity", Map.of("countsAsResearch", true, "activityKind", "联合教研"))
        .containsEntry("semester", "2027-2028学年第一学期");
    submit(record, FORM_RECORD, Map.of("recorded", true, "recordNote", "计入本学期联合教研"));
    idle(engine);

    assertThat(instance)
        .hasPassedElementsInOrder(
            "Event_ClassProposed", TASK_CONFIRM_DATE, TASK_APPROVE_DISPATCH, TASK_FILE_REPORT, TASK_CONFIRM_REPORT,
            TASK_DECIDE_ACTIVITY, TASK_RECORD_ACTIVITY, "Event_ClassRecorded")
        .hasPassedElement(TASK_FILE_REPORT, 1)
        .hasVariableWithValue("activity", Map.of("countsAsResearch", true, "activityKind", "联合教研"))
        .hasVariableWithValue("semester", "2027-2028学年第一学期")
        .hasVariableWithValue("pairing", PAIRING)
        .hasVariableWithValue("reportRound", 1)
        .hasVariableWithValue("recorded", true)
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  @Test
  void reportReturnedOnceAndCorrectedWithFewerThanThreeTeachersCountsAsSendingOnly() {
    ProcessInstanceEvent instance = start("2027-03-18", "示范课");
    confirmDate("2027-03-18");
    approveDispatch();

    submit(userTask(TASK_FILE_REPORT, FORM_REPORT), FORM_REPORT, report(38, 2, "朗读指导，学生参与积极。"));
    ActivatedJob firstConfirmation = userTask(TASK_CONFIRM_REPORT, FORM_CONFIRM_REPORT);
    submit(firstConfirmation, FORM_CONFIRM_REPORT, Map.of("reportConfirmed", "no", "reportOpinion", "学生人数有误，请核对"));

    // the returned report opens with what the teacher wrote and the receiving school's opinion
    ActivatedJob correction = userTask(TASK_FILE_REPORT, FORM_REPORT);
    assertThat(correction.getCustomHeaders()).containsEntry(UserTaskHeaders.ASSIGNEE, TEACHER);
    assertDue(correction, reportDue("2027-03-18"));
    assertThat(correction.getVariablesAsMap())
        .containsEntry("pupilsPresent", 38)
        .containsEntry("teachersPresent", 2)
        .containsEntry("summary", "朗读指导，学生参与积极。")
        .containsEntry("reportOpinion", "学生人数有误，请核对");
    submit(correction, FORM_REPORT, report(45, 2, "朗读指导，学生参与积极（人数已更正）。"));

    // the second confirmation starts empty: last round's "no" is not there to steer the gateway
    ActivatedJob secondConfirmation = userTask(TASK_CONFIRM_REPORT, FORM_CONFIRM_REPORT);
    Map<String, Object> seen = secondConfirmation.getVariablesAsMap();
    assertThat(seen).containsEntry("reportConfirmed", null).containsEntry("reportOpinion", null).containsEntry("reportRound", 2);
    submit(secondConfirmation, FORM_CONFIRM_REPORT, Map.of("reportConfirmed", "yes", "reportOpinion", ""));

    ActivatedJob record = userTask(TASK_RECORD_ACTIVITY, FORM_RECORD);
    assertThat(record.getVariablesAsMap()).containsEntry("activity", Map.of("countsAsResearch", false, "activityKind", "送教"));
    submit(record, FORM_RECORD, Map.of("recorded", true, "recordNote", ""));
    idle(engine);

    assertThat(instance)
        .hasPassedElement(TASK_FILE_REPORT, 2)
        .hasPassedElement(TASK_CONFIRM_REPORT, 2)
        .hasPassedElement("Event_ClassRecorded")
        .hasVariableWithValue("activity", Map.of("countsAsResearch", false, "activityKind", "送教"))
        .hasVariableWithValue("pupilsPresent", 45)
        .hasVariableWithValue("reportRound", 2)
        .hasVariableWithValue("reportConfirmed", "yes")
        .hasVariableWithValue("semester", "2026-2027学年第二学期")
        .hasVariableWithValue("pairing", PAIRING)
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  /** September to January: first semester of year–year+1; February to August: second semester of year-1–year. */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2027-03-18, 2026-2027学年第二学期",
    "2027-10-14, 2027-2028学年第一学期",
    "2027-09-01, 2027-2028学年第一学期",
    "2028-01-31, 2027-2028学年第一学期",
    "2028-02-01, 2027-2028学年第二学期",
    "2028-08-31, 2027-2028学年第二学期"
  })
  void theSemesterFollowsTheClassDate(String classDate, String semester) {
    ProcessInstanceEvent instance = start(classDate, "示范课");
    confirmDate(classDate);
    userTask(TASK_APPROVE_DISPATCH, FORM_APPROVE_DISPATCH);

    assertThat(instance).hasVariableWithValue("semester", semester).hasVariableWithValue("pairing", PAIRING);
  }

  /** The receiving school may move the class: the date it confirms decides the semester and the report's due date. */
  @Test
  void theConfirmedDateDecidesTheSemesterAndTheReportsDueDate() {
    ProcessInstanceEvent instance = start("2027-08-26", "同课异构");
    confirmDate("2027-09-02");
    approveDispatch();

    ActivatedJob report = userTask(TASK_FILE_REPORT, FORM_REPORT);
    assertDue(report, reportDue("2027-09-02"));
    assertThat(instance).hasVariableWithValue("classDate", "2027-09-02").hasVariableWithValue("semester", "2027-2028学年第一学期");
  }

  /** A week after the class at 18:00 Beijing time; a class long past still leaves the teacher three days. */
  @Test
  void aReportForAClassLongPastIsDueThreeDaysAfterItOpens() {
    start("2026-05-20", "示范课");
    confirmDate("2026-05-20");
    approveDispatch();
    OffsetDateTime opened = OffsetDateTime.now();

    assertDue(userTask(TASK_FILE_REPORT, FORM_REPORT), opened.plusDays(3));
  }

  @Test
  void aConfirmationWithoutDecisionIsAnIncidentNotTheLastRoundsReturn() {
    ProcessInstanceEvent instance = start("2027-10-14", "示范课");
    confirmDate("2027-10-14");
    approveDispatch();
    submit(userTask(TASK_FILE_REPORT, FORM_REPORT), FORM_REPORT, report(40, 1, "第一稿"));
    submit(userTask(TASK_CONFIRM_REPORT, FORM_CONFIRM_REPORT), FORM_CONFIRM_REPORT,
        Map.of("reportConfirmed", "no", "reportOpinion", "请补充反思"));
    submit(userTask(TASK_FILE_REPORT, FORM_REPORT), FORM_REPORT, report(40, 1, "第二稿"));

    client.newCompleteCommand(userTask(TASK_CONFIRM_REPORT, FORM_CONFIRM_REPORT)).variables(Map.of("reportOpinion", "好")).send().join();
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasPassedElement(TASK_FILE_REPORT, 2).hasNotPassedElement(TASK_DECIDE_ACTIVITY).hasAnyIncidents();
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_ReportConfirmed");
  }

  // ------------------------------------------------------------------ the decision

  @ParameterizedTest(name = "{0}, {1} teachers → {3}")
  @CsvSource({
    "示范课, 3, true, 联合教研",
    "示范课, 2, false, 送教",
    "示范课, , false, 送教",
    "同课异构, 0, true, 联合教研",
    "专题讲座, 12, true, 联合教研",
    "专题讲座, 0, false, 送教"
  })
  void theActivityCountsAsResearchWithThreeTeachersOrAsSameTopicDifferentDesigns(
      String format, Integer teachersPresent, boolean countsAsResearch, String activityKind) throws IOException {
    Map<String, Object> variables = new HashMap<>();
    variables.put("format", format);
    variables.put("teachersPresent", teachersPresent);
    String output =
        client.newEvaluateDecisionCommand().decisionId(DECISION_ID).variables(variables).send().join().getDecisionOutput();

    assertThat(JSON.readValue(output, Map.class))
        .isEqualTo(Map.of("countsAsResearch", countsAsResearch, "activityKind", activityKind));
  }

  // ------------------------------------------------------------------ the forms and the model

  @Test
  void everyFormIsLinkedByTheModelHasUniqueKeysAndUsesOnlySupportedComponents() throws IOException {
    Map<String, JsonNode> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(resourceDirectory())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".form")).sorted().toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        String id = form.path("id").asText();
        assertThat(file.getFileName().toString()).as("file name of form %s", id).isEqualTo(id + ".form");
        assertThat(forms.put(id, form)).as("form id %s used twice", id).isNull();
      }
    }
    assertThat(forms.keySet()).as("forms in %s", DIR).containsExactlyInAnyOrderElementsOf(formIdsTheModelLinks());

    for (Map.Entry<String, JsonNode> entry : forms.entrySet()) {
      JsonNode form = entry.getValue();
      assertThat(form.path("type").asText()).as("type of %s", entry.getKey()).isEqualTo("default");
      assertThat(form.path("schemaVersion").asInt()).as("schemaVersion of %s", entry.getKey()).isEqualTo(16);
      assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Cloud");
      assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("8.6.0");
      assertThat(inputKeys(form)).as("input keys of %s", entry.getKey()).isNotEmpty();
      assertNoExpressionsOrConditions(entry.getKey(), form);
    }
  }

  @Test
  void everyUserTaskIsAJobWorkerTaskWithALinkedFormScopedCandidatesAndADueDate() throws IOException {
    BpmnModelInstance model = model();
    List<UserTask> tasks = List.copyOf(model.getModelElementsByType(UserTask.class));
    assertThat(tasks).extracting(BaseElement::getId)
        .containsExactlyInAnyOrder(TASK_CONFIRM_DATE, TASK_APPROVE_DISPATCH, TASK_FILE_REPORT, TASK_CONFIRM_REPORT, TASK_RECORD_ACTIVITY);
    for (UserTask task : tasks) {
      assertThat(task.getSingleExtensionElement(ZeebeUserTask.class)).as("zeebe:userTask on %s", task.getId()).isNull();
      ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
      assertThat(form.getFormId()).as("formId of %s", task.getId()).isIn(FORMS);
      assertThat(form.getFormKey()).isNull();
      ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
      assertThat(schedule.getDueDate()).as("due date of %s", task.getId()).isNotBlank();
      ZeebeAssignmentDefinition assignment = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
      if (assignment.getAssignee() != null) {
        assertThat(assignment.getAssignee()).isEqualTo("=starterUsername");
        assertThat(assignment.getCandidateGroups()).isNull();
      } else {
        assertThat(assignment.getCandidateGroups()).as("candidates of %s", task.getId()).matches(SCOPED_CANDIDATES);
      }
      assertThat(assignment.getCandidateUsers()).isNull();
    }

    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      assertThat(element.getId()).as("id of %s", element.getName()).matches(MEANINGFUL_ID);
      assertThat(element.getDiagramElement()).as("diagram element of %s", element.getId()).isNotNull();
    }
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() > 1) {
        assertThat(gateway.getOutgoing()).extracting(SequenceFlow::getName).as("flows out of %s", gateway.getId())
            .allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(gateway.getOutgoing()).extracting(SequenceFlow::getConditionExpression).doesNotContainNull();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstanceEvent start(String classDate, String format) {
    Map<String, Object> proposal = new LinkedHashMap<>();
    proposal.put("receivingSchoolCode", RECEIVING_SCHOOL);
    proposal.put("classDate", classDate);
    proposal.put("subject", "数学");
    proposal.put("grade", "三年级");
    proposal.put("topic", "分数的初步认识");
    proposal.put("format", format);
    proposal.put("plan", "情境导入，动手操作，分层练习。");
    assertThat(proposal.keySet()).as("what the start form submits").isEqualTo(inputKeys(form(FORM_PROPOSAL)));

    Map<String, Object> variables = new HashMap<>(proposal);
    variables.put("starterUsername", TEACHER);
    variables.put("starterName", "李老师");
    variables.put("starterSchoolCode", DISPATCHING_SCHOOL);
    variables.put("starterSchoolName", "莱城实验小学");
    variables.put("starterDistrictCode", DISTRICT);
    variables.put("jiaoliuCaseId", 77L);
    return client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion().variables(variables).send().join();
  }

  private void confirmDate(String confirmedDate) {
    submit(userTask(TASK_CONFIRM_DATE, FORM_CONFIRM_DATE), FORM_CONFIRM_DATE,
        Map.of("dateConfirmed", "yes", "classDate", confirmedDate, "dateOpinion", "欢迎"));
  }

  private void approveDispatch() {
    submit(userTask(TASK_APPROVE_DISPATCH, FORM_APPROVE_DISPATCH), FORM_APPROVE_DISPATCH,
        Map.of("dispatchApproved", "yes", "dispatchOpinion", "同意"));
  }

  private static Map<String, Object> report(int pupils, int teachers, String summary) {
    return Map.of("pupilsPresent", pupils, "teachersPresent", teachers, "summary", summary, "reflections", "分层练习可再精简。");
  }

  /** The next user task: at the element, with the key of its linked form and a due date in its headers. */
  private ActivatedJob userTask(String elementId, String formId) {
    ActivatedJob job = activateOne(client, engine, JobTypes.USER_TASK);
    assertThat(job.getElementId()).isEqualTo(elementId);
    assertThat(job.getCustomHeaders())
        .as("headers of %s", elementId)
        .containsEntry(UserTaskHeaders.FORM_KEY, String.valueOf(formKeys.get(formId)))
        .containsKey(UserTaskHeaders.DUE_DATE);
    return job;
  }

  /** Completes the task with what its form submits: exactly the form's input keys. */
  private void submit(ActivatedJob job, String formId, Map<String, Object> values) {
    assertThat(values.keySet()).as("what form %s submits", formId).isEqualTo(inputKeys(form(formId)));
    client.newCompleteCommand(job).variables(values).send().join();
  }

  private static void assertCandidates(ActivatedJob task, String candidateGroup) {
    assertThat(task.getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"" + candidateGroup + "\"]")
        .doesNotContainKeys(UserTaskHeaders.ASSIGNEE, UserTaskHeaders.CANDIDATE_USERS);
  }

  private static void assertDue(ActivatedJob task, OffsetDateTime expectedDue) {
    OffsetDateTime due = UserTaskHeaders.parseDateTime(task.getCustomHeaders().get(UserTaskHeaders.DUE_DATE)).orElseThrow();
    assertThat(due).isCloseTo(expectedDue, within(1, ChronoUnit.MINUTES));
  }

  /** The report is due a week after the class at 18:00 Beijing time, and never less than three days from now. */
  private static OffsetDateTime reportDue(String classDate) {
    OffsetDateTime weekAfter = OffsetDateTime.of(LocalDate.parse(classDate), LocalTime.of(18, 0), BEIJING).plusDays(7);
    OffsetDateTime threeDays = OffsetDateTime.now().plusDays(3);
    return weekAfter.isAfter(threeDays) ? weekAfter : threeDays;
  }

  // ------------------------------------------------------------------ reading the forms and the model

  private static Path resourceDirectory() {
    try {
      return Path.of(Objects.requireNonNull(DemonstrationClassProcessTest.class.getResource("/" + DIR)).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode form(String formId) {
    try {
      return JSON.readTree(resourceDirectory().resolve(formId + ".form").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BpmnModelInstance model() throws IOException {
    try (InputStream in = Objects.requireNonNull(DemonstrationClassProcessTest.class.getResourceAsStream("/" + BPMN))) {
      return Bpmn.readModelFromStream(in);
    }
  }

  private static Set<String> formIdsTheModelLinks() throws IOException {
    return model().getModelElementsByType(ZeebeFormDefinition.class).stream()
        .map(ZeebeFormDefinition::getFormId)
        .collect(toSet());
  }

  /**
   * The keys the form submits, checking on the way that every component is of a supported type and
   * every input has a key used once, a Chinese label and an English one in {@code properties.label_en}.
   */
  private static Set<String> inputKeys(JsonNode form) {
    Set<String> keys = new HashSet<>();
    collectInputKeys(form.path("id").asText(), form.path("components"), keys);
    return keys;
  }

  private static void collectInputKeys(String formId, JsonNode components, Set<String> keys) {
    Set<String> componentIds = new HashSet<>();
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String id = component.path("id").asText();
      assertThat(type).as("type of %s in %s", id, formId).isIn(union(INPUT_TYPES, OTHER_TYPES));
      assertThat(componentIds.add(id)).as("component id %s used twice in %s", id, formId).isTrue();
      if (INPUT_TYPES.contains(type)) {
        String key = component.path("key").asText();
        assertThat(key).as("key of %s in %s", id, formId).isNotBlank();
        assertThat(keys.add(key)).as("key %s used twice in %s", key, formId).isTrue();
        String label = type.equals("datetime") ? component.path("dateLabel").asText() : component.path("label").asText();
        assertThat(label).as("label of %s in %s", key, formId).isNotBlank();
        assertThat(component.path("properties").path("label_en").asText()).as("label_en of %s in %s", key, formId).isNotBlank();
      }
      if (component.has("components")) {
        collectInputKeys(formId, component.path("components"), keys);
      }
    }
  }

  private static void assertNoExpressionsOrConditions(String formId, JsonNode node) {
    if (node.isObject()) {
      assertThat(node.has("conditional")).as("conditional in %s", formId).isFalse();
      node.fields().forEachRemaining(field -> assertNoExpressionsOrConditions(formId, field.getValue()));
    } else if (node.isArray()) {
      node.forEach(child -> assertNoExpressionsOrConditions(formId, child));
    } else if (node.isTextual()) {
      assertThat(node.asText()).as("FEEL expression in %s", formId).doesNotStartWith("=");
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
