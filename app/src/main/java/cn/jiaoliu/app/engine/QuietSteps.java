package cn.jiaoliu.app.engine;

import cn.jiaoliu.processes.application.ApplicationProcess;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which steps of the app's own processes end only through the app, so the inbox need not ask the
 * engine often whether they still exist ({@code jiaoliu.tasklist.quiet-recheck}): a step of a
 * version the app deployed (known by its definition key from this start's deployment), with no
 * interrupting event the engine could fire by itself ({@link QuietStepAnalysis}, over the very files
 * {@link ProcessDeployment} sent). Every other step — of a model uploaded through 流程部署, of an older
 * version, or deployed from outside — is checked as often as before.
 */
@Component
public class QuietSteps {

  /** Messages only the app sends, having closed the instance's open tasks itself first (a withdrawal). */
  static final Set<String> MESSAGES_THE_APP_HANDLES = Set.of(ApplicationProcess.MESSAGE_WITHDRAWN);

  private volatile Map<String, Set<String>> quietByProcessId = Map.of();
  private final Map<Long, String> processIdByKey = new ConcurrentHashMap<>();

  /**
   * Learns which steps of the models just deployed are quiet, and the definition keys the engine gave
   * (or had given) them. Called by {@link ProcessDeployment} with the BPMN files it sent.
   */
  void deployed(DeploymentEvent deployment, Collection<byte[]> models) {
    quietByProcessId = QuietStepAnalysis.quietSteps(models, MESSAGES_THE_APP_HANDLES);
    for (Process process : deployment.getProcesses()) {
      processIdByKey.put(process.getProcessDefinitionKey(), process.getBpmnProcessId());
    }
  }

  /** Whether the step of that process definition ends only through the app (false when unknown). */
  public boolean quiet(Long processDefinitionKey, String elementId) {
    if (processDefinitionKey == null || elementId == null) {
      return false;
    }
    String processId = processIdByKey.get(processDefinitionKey);
    return processId != null && quietByProcessId.getOrDefault(processId, Set.of()).contains(elementId);
  }
}
