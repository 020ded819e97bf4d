package cn.jiaoliu.app.application;

import java.util.HashMap;
import java.util.Map;

/**
 * An application as the REST API takes it ({@code POST /api/applications}). Numbers and dates
 * arrive as text and are read by {@link ApplicationForm}, the same for the page and the API, so that
 * every bad field is named at once ("batchId: 请输入数字", "periodStart: 日期格式不正确") instead of
 * the first one Jackson meets; the rules of the programme are the form's too.
 */
record ApplicationRequest(
    String batchId,
    String targetSchoolCode,
    String direction,
    String post,
    String subject,
    String periodStart,
    String periodEnd,
    String yearsOfService,
    String reasons,
    String requestToken) {

  /** The fields as the application form reads them (absent ones left out). */
  Map<String, String> fields() {
    Map<String, String> fields = new HashMap<>();
    put(fields, "batchId", batchId);
    put(fields, "targetSchoolCode", targetSchoolCode);
    put(fields, "direction", direction);
    put(fields, "post", post);
    put(fields, "subject", subject);
    put(fields, "periodStart", periodStart);
    put(fields, "periodEnd", periodEnd);
    put(fields, "yearsOfService", yearsOfService);
    put(fields, "reasons", reasons);
    put(fields, "requestToken", requestToken);
    return fields;
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
