package cn.jiaoliu.app.tasklist;

/**
 * Ends a process instance that repeats a case's own (an application or an assessment started
 * twice because a kill or a lost answer hid the first start), and takes its open tasks out of the
 * inbox. The case's progress listener calls it when the first task of the repeat arrives.
 */
public interface SecondInstances {
  void cancel(long processInstanceKey);
}
