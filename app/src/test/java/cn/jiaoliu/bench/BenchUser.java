package cn.jiaoliu.bench;

import cn.jiaoliu.testsupport.Infrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A simulated user of the REST API with their own Keycloak token (password grant), fetched again
 * when the app answers 401 (tokens live five minutes).
 */
final class BenchUser {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();
  /** Requests sent by every simulated person so far (B1 reports them per flow). */
  static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

  final String username;
  private final String baseUrl;
  private volatile String token;

  BenchUser(String baseUrl, String username) {
    this.baseUrl = baseUrl;
    this.username = username;
    this.token = Infrastructure.get().tokenFor(username, "demo");
  }

  Response get(String path) {
    return send(() -> HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  Response post(String path, Object body) {
    String json = write(body);
    return send(() -> HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The latency of one GET in nanoseconds, the body read and dropped; fails on anything but 200. */
  long timedGet(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60)).GET().build();
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - start;
      if (response.statusCode() == 401) {
        token = Infrastructure.get().tokenFor(username, "demo");
        return timedGet(path);
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " as " + username + ": " + response.statusCode());
      }
      return took;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many tasks a GET of the API's task list matches in all ({@code X-Total-Count}). */
  long totalCount(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(120)).GET().build();
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " as " + username + ": " + response.statusCode());
      }
      return Long.parseLong(response.headers().firstValue("X-Total-Count").orElse("-1"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface RequestBuilder {
    HttpRequest.Builder build();
  }

  private Response send(RequestBuilder request) {
    for (int attempt = 0; ; attempt++) {
      try {
        REQUESTS.incrementAndGet();
        HttpResponse<String> response = HTTP.send(request.build().header("Authorization", "Bearer " + token)
            .header("Accept-Language", "zh-CN").timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && attempt == 0) {
          token = Infrastructure.get().tokenFor(username, "demo");
          continue;
        }
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Response(response.statusCode(), body);
      } catch (IOException e) {
        if (attempt >= 5) {
          throw new IllegalStateException(e);
        }
        sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static String write(Object body) {
    try {
      return body == null ? "" : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, JsonNode body) {}
}
