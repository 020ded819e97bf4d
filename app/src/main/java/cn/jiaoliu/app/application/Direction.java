package cn.jiaoliu.app.application;

/** 支教 (urban teachers to rural schools) or 跟岗学习 (rural teachers to urban schools). */
public enum Direction {
  URBAN_TO_RURAL,
  RURAL_TO_URBAN
}
