package cn.jiaoliu.processes.application;

/**
 * What {@code send-reminder} and {@code escalate-overdue} read: the application and the element id
 * of the human step concerned (input mapping {@code step}).
 */
public record StepInput(long applicationId, String step) {}
