package cn.jiaoliu.processes.assessment;

import static cn.jiaoliu.processes.ProcessTestSupport.activateOne;
import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static cn.jiaoliu.processes.ProcessTestSupport.idle;
import static cn.jiaoliu.processes.ProcessTestSupport.noJobOf;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.APPROVE;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.BASICALLY_QUALIFIED;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.EXCELLENT;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.QUALIFIED;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.RETURN;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.TASK_APPROVE_ASSESSMENT;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.TASK_ASSESS_TEACHER;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.TASK_WRITE_SELF_EVALUATION;
import static cn.jiaoliu.processes.assessment.AssessmentProcess.UNQUALIFIED;
import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.StepDue;
import cn.jiaoliu.processes.UserTaskHeaders;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per path through {@code annual-assessment}, on the embedded engine. */
@ZeebeProcessTest
class AnnualAssessmentProcessTest {

  private static final long ASSESSMENT_ID = 31L;
  private static final long ARCHIVE_ID = 501L;
  private static final String TEACHER = "teacher.zhang";
  private static final String DISPATCHING_SCHOOL = "LC-U01";
  private static final String RECEIVING_SCHOOL = "LC-R01";
  private static final String DISTRICT = "LC";
  private static final AssessmentDeadlines DEADLINES = new AssessmentDeadlines("P14D", "P10D", "P7D", "P5D", "P2D");
  private static final Duration REMINDER_LEAD = Duration.ofDays(2);

  private ZeebeTestEngine engine;
  private ZeebeClient client;

  @BeforeEach
  void deployProcess() {
    deploy(client, "bpmn/annual-assessment.bpmn");
  }

  // ------------------------------------------------------------------ approval

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {EXCELLENT, QUALIFIED, BASICALLY_QUALIFIED, UNQUALIFIED})
  void approvedAssessmentIsArchivedWithItsGrade(String grade) {
    ProcessInstanceEvent instance = start();

    writeSelfEvaluation();
    assess(grade);
    signDispatchingOpinion();
    approve();

    archive(grade);
    assertThat(instance)
        .hasPassedElementsInOrder(
            TASK_WRITE_SELF_EVALUATION, TASK_ASSESS_TEACHER, TASK_SIGN_DISPATCHING_OPINION, TASK_APPROVE_ASSESSMENT,
            "Task_ArchiveAssessment", "Event_AssessmentArchived")
        .hasVariableWithValue("assessmentGrade", grade)
        .hasVariableWithValue("archiveId", ARCHIVE_ID)
        .hasVariableWithValue("selfEvaluationRound", 1)
        .hasVariableWithValue("dispatchingOpinionRound", 1)
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  // ------------------------------------------------------------------ returns

  @Test
  void returnedToTheSelfEvaluationGoesThroughEveryStepAgainThenApproved() {
    ProcessInstanceEvent instance = start();
    writeSelfEvaluation();
    assess(QUALIFIED);
    signDispatchingOpinion();
    returnTo(TASK_WRITE_SELF_EVALUATION);

    writeSelfEvaluation();
    assess(EXCELLENT);
    signDispatchingOpinion();
    approve();

    archive(EXCELLENT);
    assertThat(instance)
        .hasPassedElement(TASK_WRITE_SELF_EVALUATION, 2)
        .hasPassedElement(TASK_ASSESS_TEACHER, 2)
        .hasPassedElement(TASK_SIGN_DISPATCHING_OPINION, 2)
        .hasPassedElement(TASK_APPROVE_ASSESSMENT, 2)
        .hasPassedElement("Task_ArchiveAssessment", 1)
        .hasVariableWithValue("selfEvaluationRound", 2)
        .hasVariableWithValue("dispatchingOpinionRound", 2)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void returnedToTheReceivingSchoolWhichRegradesTheTeacher() {
    ProcessInstanceEvent instance = start();
    writeSelfEvaluation();
    assess(BASICALLY_QUALIFIED);
    signDispatchingOpinion();
    returnTo(TASK_ASSESS_TEACHER);

    assess(QUALIFIED);
    signDispatchingOpinion();
    approve();

    archive(QUALIFIED);
    assertThat(instance)
        .hasPassedElement(TASK_WRITE_SELF_EVALUATION, 1)
        .hasPassedElement(TASK_ASSESS_TEACHER, 2)
        .hasPassedElement(TASK_SIGN_DISPATCHING_OPINION, 2)
        .hasPassedElement(TASK_APPROVE_ASSESSMENT, 2)
        .hasVariableWithValue("selfEvaluationRound", 1)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void returnedToTheDispatchingSchoolKeepsTheGradeThenApproved() {
    ProcessInstanceEvent instance = start();
    writeSelfEvaluation();
    assess(EXCELLENT);
    signDispatchingOpinion();
    returnTo(TASK_SIGN_DISPATCHING_OPINION);

    signDispatchingOpinion();
    approve();

    archive(EXCELLENT);
    assertThat(instance)
        .hasPassedElement(TASK_WRITE_SELF_EVALUATION, 1)
        .hasPassedElement(TASK_ASSESS_TEACHER, 1)
        .hasPassedElement(TASK_SIGN_DISPATCHING_OPINION, 2)
        .hasPassedElement(TASK_APPROVE_ASSESSMENT, 2)
        .hasVariableWithValue("dispatchingOpinionRound", 2)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void returnedRepeatedlyToDifferentStepsEachTimeToTheNamedOne() {
    ProcessInstanceEvent instance = start();
    writeSelfEvaluation();
    assess(QUALIFIED);
    signDispatchingOpinion();
    returnTo(TASK_SIGN_DISPATCHING_OPINION);
    signDispatchingOpinion();
    returnTo(TASK_WRITE_SELF_EVALUATION);
    writeSelfEvaluation();
    assess(QUALIFIED);
    signDispatchingOpinion();
    returnTo(TASK_ASSESS_TEACHER);
    assess(UNQUALIFIED);
    signDispatchingOpinion();
    approve();

    archive(UNQUALIFIED);
    assertThat(instance)
        .hasPassedElement(TASK_WRITE_SELF_EVALUATION, 2)
        .hasPassedElement(TASK_ASSESS_TEACHER, 3)
        .hasPassedElement(TASK_SIGN_DISPATCHING_OPINION, 4)
        .hasPassedElement(TASK_APPROVE_ASSESSMENT, 4)
        .hasNoIncidents()
        .isCompleted();
  }

  // ------------------------------------------------------------------ deadlines

  static Stream<Arguments> stepsAndTheirPeriods() {
    return Stream.of(
        Arguments.of(TASK_WRITE_SELF_EVALUATION, Duration.ofDays(14)),
        Arguments.of(TASK_ASSESS_TEACHER, Duration.ofDays(10)),
        Arguments.of(TASK_SIGN_DISPATCHING_OPINION, Duration.ofDays(7)),
        Arguments.of(TASK_APPROVE_ASSESSMENT, Duration.ofDays(5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stepsAndTheirPeriods")
  void everyStepIsRemindedBeforeItsDueDateAndEscalatedWhenOverdueAndStaysOpen(String step, Duration period) {
    ProcessInstanceEvent instance = start();
    driveTo(step);
    ActivatedJob open = userTask(step);

    engine.increaseTime(period.minus(REMINDER_LEAD).plusHours(1));

    ActivatedJob reminder = activateOne(client, engine, JobTypes.SEND_REMINDER);
    assertThat(reminder.getVariablesAsType(StepDue.class)).isEqualTo(new StepDue(step));
    assertThat(reminder.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    assertThat(reminder.getRetries()).isEqualTo(5);
    complete(reminder, Map.of());
    noJobOf(client, engine, JobTypes.ESCALATE_OVERDUE);

    engine.increaseTime(REMINDER_LEAD);

    ActivatedJob escalation = activateOne(client, engine, JobTypes.ESCALATE_OVERDUE);
    assertThat(escalation.getVariablesAsType(StepDue.class)).isEqualTo(new StepDue(step));
    assertThat(escalation.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    complete(escalation, Map.of());

    ActivatedJob stillOpen = userTask(step);
    assertThat(stillOpen.getKey()).isEqualTo(open.getKey());
    complete(stillOpen, validCompletion(step));
    idle(engine);

    String suffix = step.substring("Task_".length());
    assertThat(instance)
        .hasPassedElement("Event_" + suffix + "Reminded")
        .hasPassedElement("Event_" + suffix + "Escalated")
        .hasPassedElement(step)
        .hasNoIncidents();
    noJobOf(client, engine, JobTypes.SEND_REMINDER);
  }

  @Test
  void aStepDoneInTimeIsNeitherRemindedNorEscalated() {
    ProcessInstanceEvent instance = start();
    writeSelfEvaluation();
    assess(QUALIFIED);

    engine.increaseTime(Duration.ofDays(15));

    // only the open step (signing, P7D) has fired timers; the finished ones were cancelled with their tasks
    ActivatedJob reminder = activateOne(client, engine, JobTypes.SEND_REMINDER);
    assertThat(reminder.getVariablesAsType(StepDue.class).step()).isEqualTo(TASK_SIGN_DISPATCHING_OPINION);
    ActivatedJob escalation = activateOne(client, engine, JobTypes.ESCALATE_OVERDUE);
    assertThat(escalation.getVariablesAsType(StepDue.class).step()).isEqualTo(TASK_SIGN_DISPATCHING_OPINION);
    assertThat(instance).hasNotPassedElement("Event_WriteSelfEvaluationReminded").hasNotPassedElement("Event_AssessTeacherEscalated");
  }

  @Test
  void aReturnedStepGetsAFreshDueDate() {
    start();
    writeSelfEvaluation();
    assess(QUALIFIED);
    signDispatchingOpinion();

    engine.increaseTime(Duration.ofDays(3).plusHours(1)); // the approval's reminder (P5D - P2D) fires
    complete(activateOne(client, engine, JobTypes.SEND_REMINDER), Map.of());
    OffsetDateTime returned = OffsetDateTime.now().plusDays(3).plusHours(1);
    complete(userTask(TASK_APPROVE_ASSESSMENT), returnCompletion(TASK_ASSESS_TEACHER));

    assertDue(userTask(TASK_ASSESS_TEACHER), returned.plusDays(10));
  }

  // ------------------------------------------------------------------ task headers

  @Test
  void humanStepsGoToTheTeacherTheirSchoolOrDistrictWithFormsAndDueDates() {
    start();
    OffsetDateTime started = OffsetDateTime.now();

    ActivatedJob selfEvaluation = userTask(TASK_WRITE_SELF_EVALUATION);
    assertThat(selfEvaluation.getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_USERS, "[\"" + TEACHER + "\"]")
        .containsEntry(UserTaskHeaders.FORM_KEY, AssessmentProcess.FORM_WRITE_SELF_EVALUATION)
        .doesNotContainKey(UserTaskHeaders.CANDIDATE_GROUPS)
        .doesNotContainKey(UserTaskHeaders.ASSIGNEE);
    assertDue(selfEvaluation, started.plusDays(14));
    complete(selfEvaluation, validCompletion(TASK_WRITE_SELF_EVALUATION));

    ActivatedJob assessment = userTask(TASK_ASSESS_TEACHER);
    assertHeaders(assessment, CandidateGroups.principalOf(RECEIVING_SCHOOL), AssessmentProcess.FORM_ASSESS_TEACHER, started.plusDays(10));
    complete(assessment, validCompletion(TASK_ASSESS_TEACHER));

    ActivatedJob opinion = userTask(TASK_SIGN_DISPATCHING_OPINION);
    assertHeaders(
        opinion, CandidateGroups.principalOf(DISPATCHING_SCHOOL), AssessmentProcess.FORM_SIGN_DISPATCHING_OPINION, started.plusDays(7));
    complete(opinion, validCompletion(TASK_SIGN_DISPATCHING_OPINION));

    ActivatedJob approval = userTask(TASK_APPROVE_ASSESSMENT);
    assertHeaders(approval, CandidateGroups.teachingOfficeOf(DISTRICT), AssessmentProcess.FORM_APPROVE_ASSESSMENT, started.plusDays(5));
  }

  @Test
  void everyStepSeesTheIdsTheAppNeedsToShowTheCase() {
    start();

    Map<String, Object> variables = userTask(TASK_WRITE_SELF_EVALUATION).getVariablesAsMap();

    assertThat(variables)
        .containsEntry("assessmentId", (int) ASSESSMENT_ID)
        .containsEntry("assignmentId", 7)
        .containsEntry("schoolYear", "2026-2027");
  }

  // ------------------------------------------------------------------ incidents, never silent paths

  @Test
  void anUnknownDecisionIsAnIncidentNotAPath() {
    ProcessInstanceEvent instance = startAndDriveTo(TASK_APPROVE_ASSESSMENT);

    complete(userTask(TASK_APPROVE_ASSESSMENT), Map.of("decision", "MAYBE", "comment", "再看看"));
    idle(engine);

    noJobOf(client, engine, JobTypes.ARCHIVE_ASSESSMENT);
    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasAnyIncidents().hasNotPassedElement("Gateway_ReturnTo").isNotCompleted();
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_ApprovalDecision");
  }

  @Test
  void aReturnToALaterOrUnknownStepIsAnIncidentNotAPath() {
    ProcessInstanceEvent instance = startAndDriveTo(TASK_APPROVE_ASSESSMENT);

    complete(userTask(TASK_APPROVE_ASSESSMENT), returnCompletion(TASK_APPROVE_ASSESSMENT));
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasAnyIncidents().hasPassedElement("Flow_Returned").isNotCompleted();
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_ReturnTo");
  }

  @Test
  void aReturnWithoutTargetNeverReusesAnEarlierRoundsTarget() {
    ProcessInstanceEvent instance = startAndDriveTo(TASK_APPROVE_ASSESSMENT);
    returnTo(TASK_ASSESS_TEACHER);
    assess(QUALIFIED);
    signDispatchingOpinion();

    complete(userTask(TASK_APPROVE_ASSESSMENT), Map.of("decision", RETURN, "comment", "请重新考核"));
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasPassedElement(TASK_ASSESS_TEACHER, 2).hasAnyIncidents().isNotCompleted();
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_ReturnTo");
  }

  @Test
  void anUnknownGradeIsAnIncidentOnTheAssessment() {
    ProcessInstanceEvent instance = startAndDriveTo(TASK_ASSESS_TEACHER);

    complete(userTask(TASK_ASSESS_TEACHER), Map.of("grade", "GOOD", "comment", "表现良好"));
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasAnyIncidents().hasNotPassedElement(TASK_SIGN_DISPATCHING_OPINION).isNotCompleted();
    assertThat(instance)
        .extractingLatestIncident()
        .occurredOnElement(TASK_ASSESS_TEACHER)
        .extractingErrorMessage()
        .contains("grade must be one of");
  }

  @Test
  void aRegradingWithoutGradeNeverKeepsTheEarlierGrade() {
    ProcessInstanceEvent instance = startAndDriveTo(TASK_APPROVE_ASSESSMENT); // graded QUALIFIED
    returnTo(TASK_ASSESS_TEACHER);

    complete(userTask(TASK_ASSESS_TEACHER), Map.of("comment", "忘了选等次"));
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasAnyIncidents().hasPassedElement(TASK_SIGN_DISPATCHING_OPINION, 1).isNotCompleted();
    assertThat(instance).extractingLatestIncident().occurredOnElement(TASK_ASSESS_TEACHER);
  }

  @Test
  void whatAFormSendsBeyondItsStepsVariablesStaysInTheTask() {
    ProcessInstanceEvent instance = start();

    // a self-evaluation form that (wrongly) sends a grade and a decision must not set them for later steps
    complete(
        userTask(TASK_WRITE_SELF_EVALUATION),
        Map.of("comment", "本学年承担三个班的数学教学", "grade", EXCELLENT, "decision", APPROVE));
    complete(userTask(TASK_ASSESS_TEACHER), Map.of("comment", "忘了选等次"));
    idle(engine);

    assertThat(instance).hasAnyIncidents().extractingLatestIncident().occurredOnElement(TASK_ASSESS_TEACHER);
    assertThat(instance).hasVariableWithValue("selfEvaluationRound", 1);
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstanceEvent start() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.ANNUAL_ASSESSMENT)
        .latestVersion()
        .variables(new AssessmentStart(
            ASSESSMENT_ID, 7L, TEACHER, DISPATCHING_SCHOOL, RECEIVING_SCHOOL, DISTRICT, "2026-2027", DEADLINES))
        .send()
        .join();
  }

  private ProcessInstanceEvent startAndDriveTo(String step) {
    ProcessInstanceEvent instance = start();
    driveTo(step);
    return instance;
  }

  /** Completes every step before {@code step} (grade QUALIFIED). */
  private void driveTo(String step) {
    for (String earlier : List.of(TASK_WRITE_SELF_EVALUATION, TASK_ASSESS_TEACHER, TASK_SIGN_DISPATCHING_OPINION)) {
      if (earlier.equals(step)) {
        return;
      }
      complete(userTask(earlier), validCompletion(earlier));
    }
  }

  private static Map<String, Object> validCompletion(String step) {
    return switch (step) {
      case TASK_WRITE_SELF_EVALUATION -> Map.of("comment", "本学年承担三个班的数学教学");
      case TASK_ASSESS_TEACHER -> Map.of("grade", QUALIFIED, "comment", "合格");
      case TASK_SIGN_DISPATCHING_OPINION -> Map.of("comment", "同意接收学校的考核意见");
      case TASK_APPROVE_ASSESSMENT -> Map.of("decision", APPROVE, "comment", "同意");
      default -> throw new IllegalArgumentException(step);
    };
  }

  private static Map<String, Object> returnCompletion(String target) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", RETURN);
    variables.put("returnTo", target);
    variables.put("comment", "材料不全，请补充");
    return variables;
  }

  private void writeSelfEvaluation() {
    complete(userTask(TASK_WRITE_SELF_EVALUATION), validCompletion(TASK_WRITE_SELF_EVALUATION));
  }

  private void assess(String grade) {
    complete(userTask(TASK_ASSESS_TEACHER), Map.of("grade", grade, "comment", "等次：" + grade));
  }

  private void signDispatchingOpinion() {
    complete(userTask(TASK_SIGN_DISPATCHING_OPINION), validCompletion(TASK_SIGN_DISPATCHING_OPINION));
  }

  private void approve() {
    complete(userTask(TASK_APPROVE_ASSESSMENT), validCompletion(TASK_APPROVE_ASSESSMENT));
  }

  private void returnTo(String target) {
    complete(userTask(TASK_APPROVE_ASSESSMENT), returnCompletion(target));
  }

  private void archive(String expectedGrade) {
    ActivatedJob archive = activateOne(client, engine, JobTypes.ARCHIVE_ASSESSMENT);
    assertThat(archive.getVariablesAsType(ArchiveInput.class)).isEqualTo(new ArchiveInput(ASSESSMENT_ID, expectedGrade));
    assertThat(archive.getRetries()).isEqualTo(5);
    complete(archive, Map.of("archiveId", ARCHIVE_ID));
    idle(engine);
  }

  private ActivatedJob userTask(String elementId) {
    ActivatedJob job = activateOne(client, engine, JobTypes.USER_TASK);
    assertThat(job.getElementId()).isEqualTo(elementId);
    return job;
  }

  private void complete(ActivatedJob job, Object variables) {
    client.newCompleteCommand(job).variables(variables).send().join();
  }

  private static void assertHeaders(ActivatedJob task, String candidateGroup, String formKey, OffsetDateTime expectedDue) {
    assertThat(task.getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"" + candidateGroup + "\"]")
        .containsEntry(UserTaskHeaders.FORM_KEY, formKey)
        .doesNotContainKey(UserTaskHeaders.CANDIDATE_USERS);
    assertDue(task, expectedDue);
  }

  private static void assertDue(ActivatedJob task, OffsetDateTime expectedDue) {
    OffsetDateTime due = UserTaskHeaders.parseDateTime(task.getCustomHeaders().get(UserTaskHeaders.DUE_DATE)).orElseThrow();
    assertThat(due).isCloseTo(expectedDue, within(1, ChronoUnit.MINUTES));
  }
}
