package cn.jiaoliu.app.tasklist;

import java.util.Optional;

/** The BPMN of processes deployed through the app (not compiled into it), to draw them. */
public interface ProcessModelSource {

  /** The model of one version of a process. */
  Optional<String> bpmn(long processDefinitionKey);

  /** The model of a process's newest version. */
  Optional<String> latestBpmn(String bpmnProcessId);
}
