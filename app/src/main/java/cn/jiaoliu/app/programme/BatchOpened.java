package cn.jiaoliu.app.programme;

/** A rotation batch was opened (created open, or changed to open) by this user. */
public record BatchOpened(long batchId, String districtCode, String openedBy) {}
