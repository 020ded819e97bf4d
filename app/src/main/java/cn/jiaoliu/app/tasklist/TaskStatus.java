package cn.jiaoliu.app.tasklist;

/** Life of an inbox task. COMPLETING holds a user's submission until the engine has taken it. */
public enum TaskStatus {
  OPEN,
  COMPLETING,
  COMPLETED,
  CANCELLED
}
