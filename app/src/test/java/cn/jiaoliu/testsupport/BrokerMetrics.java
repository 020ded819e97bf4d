package cn.jiaoliu.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A broker's own Prometheus counters, read from its management port ({@code /actuator/prometheus}). */
public final class BrokerMetrics {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private BrokerMetrics() {}

  /** The broker's metrics as Prometheus text. */
  public static String scrape(String managementUrl) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("the broker's metrics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One metric summed over its labels (partitions); the broker not reporting it is an error. */
  public static long sum(String prometheusText, String metric) {
    double total = 0;
    boolean found = false;
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("the broker reports no " + metric);
    }
    return Math.round(total);
  }
}
