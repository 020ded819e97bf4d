package cn.jiaoliu.processes.assessment;

/** What {@code open-assessment-round} reads; it returns variable {@code roundAdded}. */
public record RoundOpening(String districtCode, String schoolYear) {}
