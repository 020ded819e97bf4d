package cn.jiaoliu.app.tasklist;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;

/** User-task jobs as the engine hands them to the app, for tests of the inbox's intake. */
final class UserTaskJobs {

  private UserTaskJobs() {}

  /** A job of the rotation application (instance key = key + 1000, element instance = key + 2000). */
  static ActivatedJob job(long key, String elementId, String variables, Map<String, String> headers) {
    return job(key, "rotation-application", elementId, variables, headers);
  }

  /** A job of any process. */
  static ActivatedJob job(long key, String processId, String elementId, String variables,
      Map<String, String> headers) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    when(job.getProcessInstanceKey()).thenReturn(key + 1000);
    when(job.getElementInstanceKey()).thenReturn(key + 2000);
    when(job.getBpmnProcessId()).thenReturn(processId);
    when(job.getElementId()).thenReturn(elementId);
    when(job.getVariables()).thenReturn(variables);
    when(job.getCustomHeaders()).thenReturn(headers);
    return job;
  }
}
