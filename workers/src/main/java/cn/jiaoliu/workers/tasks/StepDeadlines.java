package cn.jiaoliu.workers.tasks;

/**
 * Due dates of human steps, the same for every process; the app's inbox implements it. Both
 * methods are idempotent per occurrence of a step (a step returned to comes due again and is a new
 * occurrence): the engine may deliver a job twice.
 */
public interface StepDeadlines {

  /** The step's due date is near: reminds whoever may act on its open task. */
  void remind(long processInstanceKey, String step);

  /** The step is overdue: flags its open task and shows it to the case's supervisors, once per occurrence. */
  void escalate(long processInstanceKey, String step);
}
