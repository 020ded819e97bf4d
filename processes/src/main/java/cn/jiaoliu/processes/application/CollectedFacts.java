package cn.jiaoliu.processes.application;

/**
 * What the app answers {@code collect-eligibility-facts} with: the facts the eligibility decision
 * reads, and the routing data as the (possibly just revised) application now has it.
 */
public record CollectedFacts(EligibilityFacts facts, ApplicationRouting routing) {}
