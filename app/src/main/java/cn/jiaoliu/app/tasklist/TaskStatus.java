package cn.jiaoliu.app.tasklist;

/**
 * Life of an inbox task. COMPLETING holds a user's submission until the engine has taken it; a
 * RECALLED task was completed and its decision taken back by its signer (撤回): its step opened again.
 */
public enum TaskStatus {
  OPEN,
  COMPLETING,
  COMPLETED,
  CANCELLED,
  RECALLED
}
