package cn.jiaoliu.app.tasklist;

import java.util.Optional;

/**
 * The forms of processes modelled in Camunda Modeler and deployed through the app, which no code of
 * the app knows: a task's Camunda Form, found by the task's process version and form key.
 */
public interface ModelledForms {

  Optional<TaskFormHandler> handlerFor(TaskView task);
}
