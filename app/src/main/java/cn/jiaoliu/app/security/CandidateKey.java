package cn.jiaoliu.app.security;

/** How candidates are stored in the inbox: {@code user:<username>} or {@code group:<group>}. */
public final class CandidateKey {

  private CandidateKey() {}

  public static String user(String username) {
    return "user:" + username;
  }

  public static String group(String group) {
    return "group:" + group;
  }
}
