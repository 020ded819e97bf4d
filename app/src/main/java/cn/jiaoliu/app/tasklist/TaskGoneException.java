package cn.jiaoliu.app.tasklist;

/** The engine no longer has the task's job: a timer, a withdrawal or a cancellation closed it. */
class TaskGoneException extends RuntimeException {

  TaskGoneException(long jobKey) {
    super("the engine no longer has job " + jobKey);
  }
}
