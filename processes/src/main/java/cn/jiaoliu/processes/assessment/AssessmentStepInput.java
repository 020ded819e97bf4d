package cn.jiaoliu.processes.assessment;

/**
 * What {@code send-assessment-reminder} and {@code escalate-assessment-overdue} read: the
 * assessment and the element id of the human step concerned (input mapping {@code step}).
 */
public record AssessmentStepInput(long assessmentId, String step) {}
