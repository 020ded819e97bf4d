package cn.jiaoliu.app.statistics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** Every report of the statistics page for one scope and its filters. */
record Statistics(StatisticsScope scope, PersonTimes personTimes, RuralReach ruralReach, List<StepAge> openApprovals,
    List<StepDuration> stepDurations, List<GradeCount> grades, List<ProcessCaseCount> processCases) {

  /** The cases of a process modelled and deployed through the app: running (or waiting to start) and ended. */
  record ProcessCaseCount(String processId, int running, int ended) {
    @JsonProperty
    public int total() {
      return running + ended;
    }
  }

  /**
   * Person-times (人次): assignments, in total and by batch, school year, subject and school; the flows
   * from dispatching to receiving schools; and the trend over every school year from the first to the
   * last (the school year filter aside), years without a rotation counting 0.
   */
  record PersonTimes(int urbanToRural, int ruralToUrban, List<DirectionCount> byBatch, List<DirectionCount> byYear,
      List<DirectionCount> bySubject, List<SchoolCount> bySchool, List<Flow> flows, List<DirectionCount> trend) {

    @JsonProperty
    public int total() {
      return urbanToRural + ruralToUrban;
    }
  }

  /** Person-times of one batch, school year or subject, by direction (支教 / 跟岗). */
  record DirectionCount(String key, String label, int urbanToRural, int ruralToUrban) {

    @JsonProperty
    public int total() {
      return urbanToRural + ruralToUrban;
    }
  }

  /** Person-times a school sent (dispatching) and received. */
  record SchoolCount(String code, String name, String areaType, int dispatched, int received) {

    @JsonProperty
    public int total() {
      return dispatched + received;
    }
  }

  /** Person-times from one dispatching school to one receiving school. */
  record Flow(String fromCode, String fromName, String fromArea, String toCode, String toName, String toArea,
      int personTimes) {}

  /** Rural schools (乡镇, 村) of the district that sent or received a rotating teacher, and their share. */
  record RuralReach(int reached, int ruralSchools, BigDecimal percent, List<RuralSchool> schools) {}

  record RuralSchool(String code, String name, String areaType, int personTimes, boolean reached) {}

  /** Open tasks of one step of the rotation application, by age since they arrived. */
  record StepAge(String elementId, int underThreeDays, int threeToSevenDays, int overSevenDays) {

    @JsonProperty
    public int total() {
      return underThreeDays + threeToSevenDays + overSevenDays;
    }
  }

  /** Completed tasks of one step and their average time from arrival to completion. */
  record StepDuration(String processId, String elementId, int completed, BigDecimal averageHours) {}

  /** Archived assessments of one school year by grade. */
  record GradeCount(String schoolYear, int excellent, int qualified, int basicallyQualified, int unqualified) {

    @JsonProperty
    public int total() {
      return excellent + qualified + basicallyQualified + unqualified;
    }
  }
}
