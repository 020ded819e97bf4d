package cn.jiaoliu.app.modelling;

import java.time.OffsetDateTime;

/**
 * A case of a process deployed through Jiaoliu, started from the catalogue: who started it, for
 * which school and district, its instance, and whether it runs. STARTING until the engine took it
 * (kept, and started again, while the engine is away), RUNNING, ENDED once the engine no longer has it.
 */
public record ProcessCase(long id, String bpmnProcessId, long processDefinitionKey, Long processInstanceKey,
    String title, String starter, String starterName, String schoolCode, String districtCode, String status,
    String startVariables, OffsetDateTime startedAt, OffsetDateTime endedAt) {

  public static final String SUBJECT = "PROCESS_CASE";
  public static final String STARTING = "STARTING";
  public static final String RUNNING = "RUNNING";
  public static final String ENDED = "ENDED";
  /** The starter of an instance started outside the app: nobody the app knows. */
  public static final String ELSEWHERE = "-";
}
