package cn.jiaoliu.processes.assessment;

/**
 * What {@code archive-assessment} reads: the approved assessment and the grade of its latest
 * assessment round (input mapping {@code grade = assessmentGrade}). It returns variable
 * {@code archiveId}.
 */
public record ArchiveInput(long assessmentId, String grade) {}
