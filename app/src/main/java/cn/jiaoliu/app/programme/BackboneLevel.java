package cn.jiaoliu.app.programme;

/**
 * A teacher's backbone level (骨干教师), lowest first: the national rules count backbone teachers
 * among those rotating (at least 20%). Imported by its Chinese name or its code.
 */
public enum BackboneLevel {
  DISTRICT,
  CITY,
  PROVINCE,
  SUBJECT_LEADER,
  MASTER
}
