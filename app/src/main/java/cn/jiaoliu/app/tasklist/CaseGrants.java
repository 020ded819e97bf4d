package cn.jiaoliu.app.tasklist;

/**
 * Readings of a case the inbox grants beyond its scope: a copy sent to someone (抄送), an opinion
 * asked of someone (征求意见). A process's own read check asks here after its scope.
 */
public interface CaseGrants {

  boolean granted(String subjectType, long subjectId, String username);
}
