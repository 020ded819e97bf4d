package cn.jiaoliu.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The management port ({@code management.server.port}): the one place {@code /actuator/prometheus}
 * answers. Spring Boot serves it from a context of its own, the server namespace {@code management};
 * a request belongs to it when its servlet context is that context's. Without a management port of
 * its own, no request does and the metrics for Prometheus answer nowhere.
 */
final class ManagementPort {

  static final String PROMETHEUS = "/actuator/prometheus";

  private ManagementPort() {}

  /** A scrape of the metrics for Prometheus arriving on the management port. */
  static boolean scrape(HttpServletRequest request) {
    return PROMETHEUS.equals(request.getRequestURI()) && WebServerApplicationContext.hasServerNamespace(
        WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), "management");
  }
}
