package cn.jiaoliu.processes.application;

/**
 * What {@code create-assignment} reads: the application and the subsidy the {@code subsidy-tier}
 * decision gave (result variable {@code monthlySubsidy}, yuan per month).
 */
public record AssignmentInput(long applicationId, int monthlySubsidy) {}
