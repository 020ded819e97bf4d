package cn.jiaoliu.app.application;

/** What the teacher rotates as: a teacher, or a cadre post at the paired school (挂职). */
public enum Post {
  TEACHER,
  VICE_PRINCIPAL,
  MIDDLE_MANAGER
}
