package cn.jiaoliu.app.tasklist;

import org.springframework.data.relational.core.mapping.Table;

/** {@code user:<username>} or {@code group:<scoped group>}; see {@link cn.jiaoliu.app.security.CandidateKey}. */
@Table("inbox_task_candidate")
record TaskCandidate(String candidate) {}
