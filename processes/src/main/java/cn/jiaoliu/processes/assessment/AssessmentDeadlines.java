package cn.jiaoliu.processes.assessment;

/**
 * ISO-8601 day-time durations: how long each human step of the assessment may take, and how long
 * before its due date the reminder goes out. In the BPMN: due date
 * {@code now() + duration(deadlines.assess)}, reminder timer
 * {@code duration(deadlines.assess) - duration(deadlines.reminderLead)}, escalation timer
 * {@code duration(deadlines.assess)}. Each re-entry after a return starts the period afresh.
 */
public record AssessmentDeadlines(
    String selfEvaluation, String assess, String signOpinion, String approve, String reminderLead) {}
