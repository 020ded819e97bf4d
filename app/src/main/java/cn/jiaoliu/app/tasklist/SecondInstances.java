package cn.jiaoliu.app.tasklist;

/**
 * Ends a process instance that repeats a case's own (an application or an assessment started
 * twice because a kill or a lost answer hid the first start), and takes its open tasks out of the
 * inbox. The intake calls it when the first task of the repeat arrives.
 */
interface SecondInstances {
  void cancel(long processInstanceKey);
}
