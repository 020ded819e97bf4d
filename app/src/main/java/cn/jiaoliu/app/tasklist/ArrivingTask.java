package cn.jiaoliu.app.tasklist;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;

/**
 * A user task as it reaches the inbox, whatever delivered it. Today that is the job of a job-worker
 * user task ({@link UserTaskWorker}); on a cluster that offers them (Camunda 8.8 and later), a
 * Camunda user task's creating event delivered by a task listener would be mapped to the same shape:
 * its key, instance, element and version, its assignment, dates and form in the header names of
 * {@link cn.jiaoliu.processes.UserTaskHeaders}, and its variables. {@link TaskIntake} takes nothing else.
 */
record ArrivingTask(long key, long processInstanceKey, long elementInstanceKey, String bpmnProcessId,
    String elementId, long processDefinitionKey, Map<String, String> headers, String variables) {

  static ArrivingTask of(ActivatedJob job) {
    return new ArrivingTask(job.getKey(), job.getProcessInstanceKey(), job.getElementInstanceKey(),
        job.getBpmnProcessId(), job.getElementId(), job.getProcessDefinitionKey(), job.getCustomHeaders(),
        job.getVariables());
  }
}
