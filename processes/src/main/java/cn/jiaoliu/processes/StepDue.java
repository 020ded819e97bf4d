package cn.jiaoliu.processes;

/**
 * What {@code send-reminder} and {@code escalate-overdue} read, in every process: the element id of
 * the human step whose due date is near or past (an input mapping on the timer's service task). The
 * case is the job's process instance; the step's open task, its candidates and its case come from the
 * app's inbox.
 */
public record StepDue(String step) {}
