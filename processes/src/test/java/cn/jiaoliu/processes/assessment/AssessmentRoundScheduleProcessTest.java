package cn.jiaoliu.processes.assessment;

import static cn.jiaoliu.processes.ProcessTestSupport.activateOne;
import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static cn.jiaoliu.processes.ProcessTestSupport.idle;
import static cn.jiaoliu.processes.ProcessTestSupport.noJobOf;
import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path through {@code assessment-round-schedule}, on the embedded engine with its own clock. */
@ZeebeProcessTest
class AssessmentRoundScheduleProcessTest {

  private static final String DISTRICT = "LC";
  private static final String YEAR = "2026-2027";

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private Duration moved = Duration.ZERO;

  @BeforeEach
  void deployProcess() {
    deploy(client, "bpmn/assessment-round-schedule.bpmn");
  }

  @Test
  void theRoundOpensByItselfOnTheOpeningDate() {
    ProcessInstanceEvent instance = start(inDays(3));

    passDays(2);
    noJobOf(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
    passDays(2);

    ActivatedJob open = activateOne(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
    assertThat(open.getVariablesAsType(RoundOpening.class)).isEqualTo(new RoundOpening(DISTRICT, YEAR));
    client.newCompleteCommand(open.getKey()).variables(Map.of("roundAdded", 12)).send().join();
    idle(engine);
    assertThat(instance).hasPassedElementsInOrder(RoundSchedule.TIMER_OPENING_DATE, RoundSchedule.TASK_OPEN_ROUND)
        .hasVariableWithValue("roundAdded", 12).isCompleted();
  }

  @Test
  void aNewDateMovesTheOpening() {
    ProcessInstanceEvent instance = start(inDays(3));

    change(inDays(10));
    passDays(4);
    noJobOf(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
    change(inDays(8));
    passDays(5);
    noJobOf(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
    passDays(3);

    client.newCompleteCommand(activateOne(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND).getKey()).send().join();
    idle(engine);
    assertThat(instance).isCompleted().hasPassedElement("Event_RoundOpened");
  }

  @Test
  void aCancelledScheduleOpensNothing() {
    ProcessInstanceEvent instance = start(inDays(3));

    change(null);
    idle(engine);
    assertThat(instance).isCompleted().hasPassedElement("Event_ScheduleCancelled").hasNotPassedElement(RoundSchedule.TASK_OPEN_ROUND);
    passDays(5);
    noJobOf(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
  }

  @Test
  void aDateAlreadyPastOpensTheRoundAtOnce() {
    start(Instant.now().minus(Duration.ofHours(1)).atOffset(ZoneOffset.ofHours(8)).toString());

    assertThat(activateOne(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND).getVariablesAsType(RoundOpening.class).districtCode())
        .isEqualTo(DISTRICT);
  }

  @Test
  void aChangeForAnotherDistrictOrYearDoesNotTouchThisSchedule() {
    ProcessInstanceEvent instance = start(inDays(3));
    client.newPublishMessageCommand().messageName(RoundSchedule.MESSAGE_CHANGED)
        .correlationKey(RoundSchedule.key("GC", YEAR)).variables(nullOpensAt()).send().join();
    client.newPublishMessageCommand().messageName(RoundSchedule.MESSAGE_CHANGED)
        .correlationKey(RoundSchedule.key(DISTRICT, "2027-2028")).variables(nullOpensAt()).send().join();
    idle(engine);

    assertThat(instance).isActive();
    passDays(4);
    activateOne(client, engine, JobTypes.OPEN_ASSESSMENT_ROUND);
  }

  private ProcessInstanceEvent start(String opensAt) {
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(ProcessIds.ASSESSMENT_ROUND_SCHEDULE)
        .latestVersion().variables(RoundSchedule.of(DISTRICT, YEAR, opensAt)).send().join();
    idle(engine);
    return instance;
  }

  private void change(String opensAt) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("opensAt", opensAt);
    client.newPublishMessageCommand().messageName(RoundSchedule.MESSAGE_CHANGED)
        .correlationKey(RoundSchedule.key(DISTRICT, YEAR)).variables(variables).send().join();
    idle(engine);
  }

  private static Map<String, Object> nullOpensAt() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("opensAt", null);
    return variables;
  }

  /**
   * A date-time the given number of days after the engine's clock (the wall clock plus what the test
   * moved it on), with the +08:00 offset the app uses.
   */
  private String inDays(int days) {
    return Instant.now().plus(moved).plus(Duration.ofDays(days)).atOffset(ZoneOffset.ofHours(8)).toString();
  }

  private void passDays(int days) {
    engine.increaseTime(Duration.ofDays(days));
    moved = moved.plus(Duration.ofDays(days));
    idle(engine);
  }
}
