package cn.jiaoliu.processes.application;

/**
 * ISO-8601 durations, per batch: how long each human step may take, and how long before its due
 * date the reminder goes out. In the BPMN: due date {@code now() + duration(deadlines.signOpinion)},
 * reminder timer {@code duration(deadlines.signOpinion) - duration(deadlines.reminderLead)},
 * escalation timer {@code duration(deadlines.signOpinion)}.
 */
public record Deadlines(
    String signOpinion, String reviseApplication, String acceptTeacher, String approveApplication,
    String reminderLead) {}
