package cn.jiaoliu.processes.application;

/** What {@code notify-approval} reads. */
public record ApplicationRef(long applicationId) {}
