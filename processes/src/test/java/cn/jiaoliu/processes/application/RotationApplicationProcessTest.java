package cn.jiaoliu.processes.application;

import static cn.jiaoliu.processes.ProcessTestSupport.activateOne;
import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static cn.jiaoliu.processes.ProcessTestSupport.idle;
import static cn.jiaoliu.processes.ProcessTestSupport.noJobOf;
import static cn.jiaoliu.processes.application.ApplicationProcess.ACCEPT;
import static cn.jiaoliu.processes.application.ApplicationProcess.APPROVE;
import static cn.jiaoliu.processes.application.ApplicationProcess.DECLINE;
import static cn.jiaoliu.processes.application.ApplicationProcess.REJECT;
import static cn.jiaoliu.processes.application.ApplicationProcess.RETURN;
import static cn.jiaoliu.processes.application.ApplicationProcess.TASK_ACCEPT_TEACHER;
import static cn.jiaoliu.processes.application.ApplicationProcess.TASK_APPROVE_APPLICATION;
import static cn.jiaoliu.processes.application.ApplicationProcess.TASK_REVISE_APPLICATION;
import static cn.jiaoliu.processes.application.ApplicationProcess.TASK_SIGN_OPINION;
import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per path through {@code rotation-application}, on the embedded engine. */
@ZeebeProcessTest
class RotationApplicationProcessTest {

  private static final long APPLICATION_ID = 42L;
  private static final String TEACHER = "teacher.zhang";
  private static final Deadlines DEADLINES = new Deadlines("P7D", "P10D", "P5D", "P14D", "P2D");
  /** Eligible, receiving school in remoteness tier 2. */
  private static final EligibilityFacts ELIGIBLE = new EligibilityFacts(true, false, false, true, 3, 8, 3, 2);

  private ZeebeTestEngine engine;
  private ZeebeClient client;

  @BeforeEach
  void deployProcessAndDecisions() {
    deploy(client, "bpmn/rotation-application.bpmn", "bpmn/rotation-eligibility.dmn", "bpmn/subsidy-tier.dmn");
  }

  // ------------------------------------------------------------------ paths

  @Test
  void approvedApplicationCreatesTheAssignmentWithTheTiersSubsidyAndNotifiesEveryone() {
    ProcessInstanceEvent instance = start();

    ActivatedJob collect = activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS);
    assertThat(collect.getVariablesAsType(CollectFactsInput.class)).isEqualTo(new CollectFactsInput(APPLICATION_ID, null));
    complete(collect, Map.of("facts", ELIGIBLE));

    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, ACCEPT);
    decide(TASK_APPROVE_APPLICATION, APPROVE);

    ActivatedJob create = activateOne(client, engine, JobTypes.CREATE_ASSIGNMENT);
    assertThat(create.getVariablesAsType(AssignmentInput.class)).isEqualTo(new AssignmentInput(APPLICATION_ID, 450));
    assertThat(create.getRetries()).isEqualTo(5);
    complete(create, Map.of("assignmentId", 7L));

    ActivatedJob notify = activateOne(client, engine, JobTypes.NOTIFY_APPROVAL);
    assertThat(notify.getVariablesAsType(ApplicationRef.class)).isEqualTo(new ApplicationRef(APPLICATION_ID));
    complete(notify, Map.of());
    idle(engine);

    assertThat(instance)
        .hasPassedElementsInOrder(
            "Task_CollectEligibilityFacts", "Task_CheckEligibility", TASK_SIGN_OPINION, TASK_ACCEPT_TEACHER,
            TASK_APPROVE_APPLICATION, "Task_DetermineSubsidy", "Task_CreateAssignment", "Task_NotifyApproval", "Event_Approved")
        .hasVariableWithValue("monthlySubsidy", 450)
        .hasVariableWithValue("assignmentId", 7)
        .hasNoIncidents()
        .isCompleted();
    noJobOf(client, engine, JobTypes.RECORD_OUTCOME);
  }

  @Test
  void ineligibleApplicationIsRecordedWithItsReasons() {
    ProcessInstanceEvent instance = start();

    complete(
        activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS),
        Map.of("facts", new EligibilityFacts(true, false, false, true, 0, 1, 3, 2)));

    assertThat(expectOutcome(ApplicationProcess.OUTCOME_NOT_ELIGIBLE).ineligibleReasons())
        .containsExactly(EligibilityFacts.NO_QUOTA, EligibilityFacts.TOO_FEW_YEARS);
    assertThat(instance)
        .hasVariableWithValue("ineligibleReasons", List.of(EligibilityFacts.NO_QUOTA, EligibilityFacts.TOO_FEW_YEARS))
        .hasNotPassedElement(TASK_SIGN_OPINION)
        .hasPassedElement("Event_NotEligible")
        .isCompleted();
  }

  @Test
  void rejectedByTheDispatchingSchool() {
    ProcessInstanceEvent instance = startEligible();

    decide(TASK_SIGN_OPINION, REJECT);

    expectOutcome(ApplicationProcess.OUTCOME_REJECTED_BY_DISPATCHING_SCHOOL);
    assertThat(instance).hasNotPassedElement(TASK_ACCEPT_TEACHER).hasPassedElement("Event_RejectedByDispatchingSchool").isCompleted();
  }

  @Test
  void declinedByTheReceivingSchool() {
    ProcessInstanceEvent instance = startEligible();

    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, DECLINE);

    expectOutcome(ApplicationProcess.OUTCOME_DECLINED_BY_RECEIVING_SCHOOL);
    assertThat(instance).hasNotPassedElement(TASK_APPROVE_APPLICATION).hasPassedElement("Event_DeclinedByReceivingSchool").isCompleted();
  }

  @Test
  void rejectedByTheTeachingOffice() {
    ProcessInstanceEvent instance = startEligible();

    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, ACCEPT);
    decide(TASK_APPROVE_APPLICATION, REJECT);

    expectOutcome(ApplicationProcess.OUTCOME_REJECTED_BY_TEACHING_OFFICE);
    assertThat(instance).hasNotPassedElement("Task_CreateAssignment").hasPassedElement("Event_RejectedByTeachingOffice").isCompleted();
  }

  @Test
  void returnedTwiceRevisedByTheTeacherAndRecheckedEachTime() {
    ProcessInstanceEvent instance = startEligible();

    decide(TASK_SIGN_OPINION, RETURN);
    ActivatedJob revise = userTask(TASK_REVISE_APPLICATION);
    assertThat(revise.getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_USERS, "[\"" + TEACHER + "\"]")
        .containsEntry(UserTaskHeaders.FORM_KEY, ApplicationProcess.FORM_REVISE_APPLICATION)
        .doesNotContainKey(UserTaskHeaders.CANDIDATE_GROUPS);
    var first = revision(revise, "LC-R02", "数学");
    complete(revise, Map.of("revision", first, "decision", APPROVE));

    ActivatedJob recollect = activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS);
    assertThat(recollect.getVariablesAsType(CollectFactsInput.class)).isEqualTo(new CollectFactsInput(APPLICATION_ID, first));
    complete(recollect, Map.of("facts", ELIGIBLE));

    decide(TASK_SIGN_OPINION, RETURN);
    ActivatedJob reviseAgain = userTask(TASK_REVISE_APPLICATION);
    var second = revision(reviseAgain, "LC-R03", "语文");
    complete(reviseAgain, Map.of("revision", second));

    ActivatedJob recollectAgain = activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS);
    assertThat(recollectAgain.getVariablesAsType(CollectFactsInput.class).revision()).isEqualTo(second);
    complete(recollectAgain, Map.of("facts", ELIGIBLE));

    decide(TASK_SIGN_OPINION, APPROVE);
    userTask(TASK_ACCEPT_TEACHER);

    assertThat(instance)
        .hasPassedElement("Task_CheckEligibility", 3)
        .hasPassedElement(TASK_REVISE_APPLICATION, 2)
        .hasPassedElement(TASK_SIGN_OPINION, 3)
        .isWaitingAtElements(TASK_ACCEPT_TEACHER)
        .hasNoIncidents();
  }

  /** The routing variables collect-eligibility-facts sets after a revision route the steps after it. */
  @Test
  void aRevisedTargetSchoolRoutesTheAcceptanceToTheNewSchool() {
    startEligible();
    decide(TASK_SIGN_OPINION, RETURN);
    ActivatedJob revise = userTask(TASK_REVISE_APPLICATION);
    complete(revise, Map.of("revision", revision(revise, "LC-R03", "数学")));
    complete(activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS), Map.of("facts", ELIGIBLE,
        "teacherUsername", TEACHER, "homeSchoolCode", "LC-U01", "targetSchoolCode", "LC-R03", "districtCode", "LC"));
    decide(TASK_SIGN_OPINION, APPROVE);

    assertThat(userTask(TASK_ACCEPT_TEACHER).getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"principal:LC-R03\"]");
  }

  /** Nobody signs their own case: a principal's application goes to whoever the routing names, here the office. */
  @Test
  void theDispatchingOpinionGoesToTheSignerTheRoutingNames() {
    start();
    complete(activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS), Map.of("facts", ELIGIBLE,
        "dispatchingSigner", "teaching-office:LC"));
    assertThat(userTask(TASK_SIGN_OPINION).getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"teaching-office:LC\"]");
  }

  /** Instances started before the routing named the signer send the opinion to the school's principals. */
  @Test
  void withoutANamedSignerTheDispatchingOpinionGoesToTheSchoolsPrincipals() {
    startEligible();
    assertThat(userTask(TASK_SIGN_OPINION).getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"principal:LC-U01\"]");
  }

  @Test
  void aRevisionThatMakesTheApplicationIneligibleEndsIt() {
    ProcessInstanceEvent instance = startEligible();

    decide(TASK_SIGN_OPINION, RETURN);
    ActivatedJob revise = userTask(TASK_REVISE_APPLICATION);
    complete(revise, Map.of("revision", revision(revise, "LC-U02", "数学")));
    complete(
        activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS),
        Map.of("facts", new EligibilityFacts(true, false, false, false, 3, 8, 3, 0)));

    expectOutcome(ApplicationProcess.OUTCOME_NOT_ELIGIBLE);
    assertThat(instance).hasVariableWithValue("ineligibleReasons", List.of(EligibilityFacts.NOT_PAIRED)).isCompleted();
  }

  @Test
  void withdrawnWhileWaitingForTheOpinion() {
    ProcessInstanceEvent instance = startEligible();
    ActivatedJob open = userTask(TASK_SIGN_OPINION);

    withdrawAndExpectTheTaskGone(instance, open);
  }

  @Test
  void withdrawnWhileWaitingForTheRevision() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, RETURN);
    ActivatedJob open = userTask(TASK_REVISE_APPLICATION);

    withdrawAndExpectTheTaskGone(instance, open);
  }

  @Test
  void withdrawnWhileWaitingForTheAcceptance() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, APPROVE);
    ActivatedJob open = userTask(TASK_ACCEPT_TEACHER);

    withdrawAndExpectTheTaskGone(instance, open);
  }

  @Test
  void withdrawnWhileWaitingForTheApproval() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, ACCEPT);
    ActivatedJob open = userTask(TASK_APPROVE_APPLICATION);

    withdrawAndExpectTheTaskGone(instance, open);
  }

  @Test
  void withdrawalOfAnotherApplicationLeavesThisOneAlone() {
    ProcessInstanceEvent instance = startEligible();
    userTask(TASK_SIGN_OPINION);

    client.newPublishMessageCommand().messageName(ApplicationProcess.MESSAGE_WITHDRAWN).correlationKey("43").send().join();
    idle(engine);

    noJobOf(client, engine, JobTypes.RECORD_OUTCOME);
    assertThat(instance).isWaitingAtElements(TASK_SIGN_OPINION).isNotCompleted();
  }

  @Test
  void reminderGoesOutBeforeTheDueDateAndTheTaskStaysOpen() {
    ProcessInstanceEvent instance = startEligible();
    ActivatedJob opinion = userTask(TASK_SIGN_OPINION);

    engine.increaseTime(Duration.ofDays(5).plusHours(1)); // P7D - P2D has passed

    ActivatedJob reminder = activateOne(client, engine, JobTypes.SEND_REMINDER);
    assertThat(reminder.getVariablesAsType(StepDue.class)).isEqualTo(new StepDue(TASK_SIGN_OPINION));
    assertThat(reminder.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    complete(reminder, Map.of());
    noJobOf(client, engine, JobTypes.ESCALATE_OVERDUE);

    assertThat(userTask(TASK_SIGN_OPINION).getKey()).isEqualTo(opinion.getKey());
    assertThat(instance).hasPassedElement("Event_SignOpinionReminded").isWaitingAtElements(TASK_SIGN_OPINION);
  }

  @Test
  void overdueStepIsEscalatedAndCanStillBeCompleted() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, APPROVE);
    ActivatedJob acceptance = userTask(TASK_ACCEPT_TEACHER);

    engine.increaseTime(Duration.ofDays(5).plusHours(1)); // P5D: reminder at P3D, escalation at P5D

    complete(activateOne(client, engine, JobTypes.SEND_REMINDER), Map.of());
    ActivatedJob escalation = activateOne(client, engine, JobTypes.ESCALATE_OVERDUE);
    assertThat(escalation.getVariablesAsType(StepDue.class)).isEqualTo(new StepDue(TASK_ACCEPT_TEACHER));
    assertThat(escalation.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    complete(escalation, Map.of());

    ActivatedJob stillOpen = userTask(TASK_ACCEPT_TEACHER);
    assertThat(stillOpen.getKey()).isEqualTo(acceptance.getKey());
    complete(stillOpen, Map.of("decision", ACCEPT));

    userTask(TASK_APPROVE_APPLICATION);
    assertThat(instance).hasPassedElement("Event_AcceptTeacherEscalated").hasNoIncidents();
  }

  @Test
  void everyStepHasItsOwnReminderAndEscalation() {
    startEligible();
    decide(TASK_SIGN_OPINION, RETURN);
    userTask(TASK_REVISE_APPLICATION);

    engine.increaseTime(Duration.ofDays(10).plusHours(1)); // P10D

    assertThat(activateOne(client, engine, JobTypes.SEND_REMINDER).getVariablesAsType(StepDue.class).step())
        .isEqualTo(TASK_REVISE_APPLICATION);
    assertThat(activateOne(client, engine, JobTypes.ESCALATE_OVERDUE).getVariablesAsType(StepDue.class).step())
        .isEqualTo(TASK_REVISE_APPLICATION);
  }

  @Test
  void noQuotaLeftWhenTheAssignmentIsCreated() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, ACCEPT);
    decide(TASK_APPROVE_APPLICATION, APPROVE);

    ActivatedJob create = activateOne(client, engine, JobTypes.CREATE_ASSIGNMENT);
    client.newThrowErrorCommand(create).errorCode(ApplicationProcess.ERROR_QUOTA_EXHAUSTED).errorMessage("批次名额已用完").send().join();

    expectOutcome(ApplicationProcess.OUTCOME_NO_QUOTA);
    assertThat(instance).hasNotPassedElement("Task_NotifyApproval").hasPassedElement("Event_NoQuota").isCompleted();
  }

  @Test
  void humanStepsAreScopedToTheirSchoolOrDistrictAndHaveDueDates() {
    start();
    OffsetDateTime started = OffsetDateTime.now();
    complete(activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS), Map.of("facts", ELIGIBLE));

    ActivatedJob opinion = userTask(TASK_SIGN_OPINION);
    assertHeaders(opinion, CandidateGroups.principalOf("LC-U01"), ApplicationProcess.FORM_SIGN_OPINION, started.plusDays(7));
    complete(opinion, Map.of("decision", RETURN));

    ActivatedJob revise = userTask(TASK_REVISE_APPLICATION);
    assertThat(revise.getCustomHeaders()).containsEntry(UserTaskHeaders.CANDIDATE_USERS, "[\"" + TEACHER + "\"]");
    assertDue(revise, started.plusDays(10));
    complete(revise, Map.of("revision", revision(revise, "LC-R01", "数学")));
    complete(activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS), Map.of("facts", ELIGIBLE));
    decide(TASK_SIGN_OPINION, APPROVE);

    ActivatedJob acceptance = userTask(TASK_ACCEPT_TEACHER);
    assertHeaders(acceptance, CandidateGroups.principalOf("LC-R01"), ApplicationProcess.FORM_ACCEPT_TEACHER, started.plusDays(5));
    complete(acceptance, Map.of("decision", ACCEPT));

    ActivatedJob approval = userTask(TASK_APPROVE_APPLICATION);
    assertHeaders(approval, CandidateGroups.teachingOfficeOf("LC"), ApplicationProcess.FORM_APPROVE_APPLICATION, started.plusDays(14));
  }

  @Test
  void anEarlierDecisionNeverSteersALaterGateway() {
    ProcessInstanceEvent instance = startEligible();
    decide(TASK_SIGN_OPINION, APPROVE);

    // the receiving principal's completion carries no decision: the dispatching school's APPROVE must not count
    complete(userTask(TASK_ACCEPT_TEACHER), Map.of("comment", "忘了选"));
    idle(engine);

    noJobOf(client, engine, JobTypes.USER_TASK);
    assertThat(instance).hasNotPassedElement(TASK_APPROVE_APPLICATION).hasAnyIncidents().isNotCompleted();
    assertThat(instance).hasVariableWithValue("opinionDecision", APPROVE);
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_AcceptanceDecision");
  }

  @Test
  void anUnknownDecisionIsAnIncidentNotAPath() {
    ProcessInstanceEvent instance = startEligible();

    complete(userTask(TASK_SIGN_OPINION), Map.of("decision", "MAYBE"));
    idle(engine);

    assertThat(instance).hasAnyIncidents().hasNotPassedElement(TASK_ACCEPT_TEACHER).hasNotPassedElement("Task_RecordRejectedByDispatchingSchool");
    assertThat(instance).extractingLatestIncident().occurredOnElement("Gateway_OpinionDecision");
  }

  @Test
  void aRemotenessTierWithoutSubsidyRuleStopsBeforeTheAssignment() {
    ProcessInstanceEvent instance = start();
    complete(
        activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS),
        Map.of("facts", new EligibilityFacts(true, false, false, true, 3, 8, 3, 4)));
    decide(TASK_SIGN_OPINION, APPROVE);
    decide(TASK_ACCEPT_TEACHER, ACCEPT);
    decide(TASK_APPROVE_APPLICATION, APPROVE);
    idle(engine);

    noJobOf(client, engine, JobTypes.CREATE_ASSIGNMENT);
    assertThat(instance)
        .hasAnyIncidents()
        .extractingLatestIncident()
        .occurredOnElement("Task_DetermineSubsidy")
        .extractingErrorMessage()
        .contains("no subsidy-tier rule for remoteness tier 4");
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstanceEvent start() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.ROTATION_APPLICATION)
        .latestVersion()
        .variables(new ApplicationStart(APPLICATION_ID, TEACHER, "LC-U01", "LC-R01", "LC", DEADLINES))
        .send()
        .join();
  }

  /** Starts an instance whose facts pass every eligibility rule. */
  private ProcessInstanceEvent startEligible() {
    ProcessInstanceEvent instance = start();
    complete(activateOne(client, engine, JobTypes.COLLECT_ELIGIBILITY_FACTS), Map.of("facts", ELIGIBLE));
    return instance;
  }

  private ActivatedJob userTask(String elementId) {
    ActivatedJob job = activateOne(client, engine, JobTypes.USER_TASK);
    assertThat(job.getElementId()).isEqualTo(elementId);
    return job;
  }

  private void decide(String elementId, String decision) {
    complete(userTask(elementId), Map.of("decision", decision, "comment", "意见：" + decision));
  }

  private void complete(ActivatedJob job, Object variables) {
    client.newCompleteCommand(job).variables(variables).send().join();
  }

  private OutcomeInput expectOutcome(String outcome) {
    ActivatedJob record = activateOne(client, engine, JobTypes.RECORD_OUTCOME);
    OutcomeInput input = record.getVariablesAsType(OutcomeInput.class);
    assertThat(input.applicationId()).isEqualTo(APPLICATION_ID);
    assertThat(input.outcome()).isEqualTo(outcome);
    complete(record, Map.of());
    idle(engine);
    return input;
  }

  private void withdrawAndExpectTheTaskGone(ProcessInstanceEvent instance, ActivatedJob openTask) {
    client
        .newPublishMessageCommand()
        .messageName(ApplicationProcess.MESSAGE_WITHDRAWN)
        .correlationKey(String.valueOf(APPLICATION_ID))
        .send()
        .join();

    expectOutcome(ApplicationProcess.OUTCOME_WITHDRAWN);
    assertThat(instance)
        .hasCorrelatedMessageByName(ApplicationProcess.MESSAGE_WITHDRAWN, 1)
        .isNotWaitingAtElements(openTask.getElementId())
        .hasPassedElement("Event_Withdrawn")
        .isCompleted();
    var lateCompletion = client.newCompleteCommand(openTask).variables(Map.of("decision", APPROVE)).send();
    assertThatThrownBy(lateCompletion::join).hasMessageContaining("NOT_FOUND");
    noJobOf(client, engine, JobTypes.USER_TASK);
  }

  private static CollectFactsInput.Revision revision(ActivatedJob reviseTask, String targetSchoolCode, String subject) {
    return new CollectFactsInput.Revision(
        reviseTask.getKey(), targetSchoolCode, subject, "2026-09-01", "2027-07-31", "愿意到乡村学校任教", "数学教师");
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
