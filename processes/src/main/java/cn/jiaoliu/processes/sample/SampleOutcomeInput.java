package cn.jiaoliu.processes.sample;

/**
 * What {@code record-sample-outcome} reads. {@code decision} is absent when the opinion timer
 * fired first.
 */
public record SampleOutcomeInput(long requestId, String decision) {}
