package cn.jiaoliu.processes.application;

import static cn.jiaoliu.processes.ProcessTestSupport.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.ProcessIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two DMN tables, evaluated directly on the embedded engine (evaluate-decision command). */
@ZeebeProcessTest
class DecisionTablesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EligibilityFacts ELIGIBLE = new EligibilityFacts(true, false, false, true, 3, 8, 3, 2);

  private ZeebeClient client;

  @BeforeEach
  void deployDecisions() {
    deploy(client, "bpmn/rotation-eligibility.dmn", "bpmn/subsidy-tier.dmn");
  }

  private Object evaluate(String decisionId, Map<String, ?> variables) throws Exception {
    String output =
        client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join().getDecisionOutput();
    return JSON.readValue(output, Object.class);
  }

  private Object reasons(EligibilityFacts facts) throws Exception {
    return evaluate(ProcessIds.DECISION_ROTATION_ELIGIBILITY, Map.of("facts", facts));
  }

  @Test
  void eligibleFactsGiveNoReasonsAtAll() throws Exception {
    // COLLECT without a matching rule yields null, not an empty list: the gateway accepts both
    assertThat(reasons(ELIGIBLE)).isNull();
  }

  @Test
  void eachFailedRuleGivesItsReason() throws Exception {
    assertThat(reasons(new EligibilityFacts(false, false, false, true, 3, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.BATCH_CLOSED));
    assertThat(reasons(new EligibilityFacts(true, true, false, true, 3, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.ACTIVE_ROTATION));
    assertThat(reasons(new EligibilityFacts(true, false, true, true, 3, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.OTHER_OPEN_APPLICATION));
    assertThat(reasons(new EligibilityFacts(true, false, false, false, 3, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.NOT_PAIRED));
    assertThat(reasons(new EligibilityFacts(true, false, false, true, 0, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.NO_QUOTA));
    assertThat(reasons(new EligibilityFacts(true, false, false, true, -1, 8, 3, 2))).isEqualTo(List.of(EligibilityFacts.NO_QUOTA));
    assertThat(reasons(new EligibilityFacts(true, false, false, true, 3, 2, 3, 2))).isEqualTo(List.of(EligibilityFacts.TOO_FEW_YEARS));
  }

  @Test
  void exactlyTheMinimumYearsAndOneQuotaLeftAreEnough() throws Exception {
    assertThat(reasons(new EligibilityFacts(true, false, false, true, 1, 3, 3, 0))).isNull();
  }

  @Test
  void everyFailedRuleIsCollectedInTableOrder() throws Exception {
    assertThat(reasons(new EligibilityFacts(false, true, true, false, 0, 1, 3, 2)))
        .isEqualTo(List.of(
            EligibilityFacts.BATCH_CLOSED, EligibilityFacts.ACTIVE_ROTATION, EligibilityFacts.OTHER_OPEN_APPLICATION,
            EligibilityFacts.NOT_PAIRED, EligibilityFacts.NO_QUOTA, EligibilityFacts.TOO_FEW_YEARS));
  }

  @Test
  void missingFactsFailClosed() throws Exception {
    Object reasons = evaluate(ProcessIds.DECISION_ROTATION_ELIGIBILITY, Map.of("facts", Map.of()));
    assertThat(reasons).isEqualTo(List.of(EligibilityFacts.BATCH_CLOSED, EligibilityFacts.NOT_PAIRED));
  }

  @Test
  void subsidyFollowsTheRemotenessTier() throws Exception {
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, Map.of("remotenessTier", 0))).isEqualTo(0);
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, Map.of("remotenessTier", 1))).isEqualTo(400);
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, Map.of("remotenessTier", 2))).isEqualTo(450);
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, Map.of("remotenessTier", 3))).isEqualTo(600);
  }

  @Test
  void anUnknownTierHasNoSubsidy() throws Exception {
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, Map.of("remotenessTier", 4))).isNull();
    Map<String, Object> noTier = new HashMap<>();
    noTier.put("remotenessTier", null);
    assertThat(evaluate(ProcessIds.DECISION_SUBSIDY_TIER, noTier)).isNull();
  }
}
