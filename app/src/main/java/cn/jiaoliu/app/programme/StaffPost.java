package cn.jiaoliu.app.programme;

/**
 * A teacher's post at their school: principals and vice-principals rotate after two terms, the
 * others after the district's years at one school. Imported by its Chinese name or its code.
 */
public enum StaffPost {
  TEACHER,
  MIDDLE_CADRE,
  VICE_PRINCIPAL,
  PRINCIPAL
}
