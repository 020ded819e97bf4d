package cn.jiaoliu.processes.sample;

import static cn.jiaoliu.processes.ProcessTestSupport.activateOne;
import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static cn.jiaoliu.processes.ProcessTestSupport.idle;
import static cn.jiaoliu.processes.ProcessTestSupport.noJobOf;
import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.UserTaskHeaders;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ZeebeProcessTest
class SampleOpinionProcessTest {

  private ZeebeTestEngine engine;
  private ZeebeClient client;

  @BeforeEach
  void deployProcess() {
    deploy(client, "bpmn/sample-opinion.bpmn");
  }

  private ProcessInstanceEvent start() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.SAMPLE_OPINION)
        .latestVersion()
        .variables(new SampleOpinionStart(42L, "teacher.zhang", "LC-U01", "P7D"))
        .send()
        .join();
  }

  @Test
  void principalTaskIsScopedToTheTeachersSchoolAndHasADueDate() {
    start();

    ActivatedJob opinion = activateOne(client, engine, JobTypes.USER_TASK);

    assertThat(opinion.getElementId()).isEqualTo("Task_SignOpinion");
    assertThat(opinion.getCustomHeaders())
        .containsEntry(UserTaskHeaders.CANDIDATE_GROUPS, "[\"" + CandidateGroups.principalOf("LC-U01") + "\"]")
        .containsEntry(UserTaskHeaders.FORM_KEY, "sample-opinion");
    OffsetDateTime due = UserTaskHeaders.parseDateTime(opinion.getCustomHeaders().get(UserTaskHeaders.DUE_DATE)).orElseThrow();
    assertThat(due).isAfter(OffsetDateTime.now().plusDays(6)).isBefore(OffsetDateTime.now().plusDays(8));
  }

  @Test
  void approvedOpinionGoesToTheTeacherAndIsRecorded() {
    ProcessInstanceEvent instance = start();

    ActivatedJob opinion = activateOne(client, engine, JobTypes.USER_TASK);
    client.newCompleteCommand(opinion).variables(new SampleOpinionDecision("APPROVE", "同意")).send().join();

    ActivatedJob acknowledge = activateOne(client, engine, JobTypes.USER_TASK);
    assertThat(acknowledge.getElementId()).isEqualTo("Task_AcknowledgeOutcome");
    assertThat(acknowledge.getCustomHeaders()).containsEntry(UserTaskHeaders.CANDIDATE_USERS, "[\"teacher.zhang\"]");
    client.newCompleteCommand(acknowledge).send().join();

    ActivatedJob record = activateOne(client, engine, JobTypes.RECORD_SAMPLE_OUTCOME);
    assertThat(record.getVariablesAsType(SampleOutcomeInput.class))
        .isEqualTo(new SampleOutcomeInput(42L, "APPROVE"));
    client.newCompleteCommand(record).send().join();
    idle(engine);

    assertThat(instance).hasPassedElementsInOrder("Task_SignOpinion", "Task_AcknowledgeOutcome", "Task_RecordOutcome").isCompleted();
  }

  @Test
  void rejectedOpinionIsRecordedWithoutAcknowledgement() {
    ProcessInstanceEvent instance = start();

    ActivatedJob opinion = activateOne(client, engine, JobTypes.USER_TASK);
    client.newCompleteCommand(opinion).variables(new SampleOpinionDecision("REJECT", "材料不全")).send().join();

    ActivatedJob record = activateOne(client, engine, JobTypes.RECORD_SAMPLE_OUTCOME);
    assertThat(record.getVariablesAsType(SampleOutcomeInput.class).decision()).isEqualTo("REJECT");
    client.newCompleteCommand(record).send().join();
    idle(engine);

    assertThat(instance).hasNotPassedElement("Task_AcknowledgeOutcome").isCompleted();
  }

  @Test
  void overdueOpinionCancelsTheTaskAndIsRecordedWithoutDecision() throws Exception {
    ProcessInstanceEvent instance = start();
    ActivatedJob opinion = activateOne(client, engine, JobTypes.USER_TASK);

    engine.increaseTime(Duration.ofDays(8));

    ActivatedJob record = activateOne(client, engine, JobTypes.RECORD_SAMPLE_OUTCOME);
    assertThat(record.getVariablesAsType(SampleOutcomeInput.class).decision()).isNull();
    client.newCompleteCommand(record).send().join();
    idle(engine);
    assertThat(instance).hasPassedElement("Event_OpinionOverdue").isCompleted();

    var lateCompletion = client.newCompleteCommand(opinion).variables(Map.of("decision", "APPROVE")).send();
    assertThatThrownBy(lateCompletion::join).hasMessageContaining("NOT_FOUND");
    noJobOf(client, engine, JobTypes.USER_TASK);
  }
}
