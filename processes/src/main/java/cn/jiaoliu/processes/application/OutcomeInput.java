package cn.jiaoliu.processes.application;

/** What {@code record-outcome} reads: the application and how it ended (see the OUTCOME_ constants). */
public record OutcomeInput(long applicationId, String outcome) {}
