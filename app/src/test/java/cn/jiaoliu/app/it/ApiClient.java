package cn.jiaoliu.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A user of the REST API, with their own Keycloak token. */
final class ApiClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String token;

  ApiClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  Response post(String path, Object body) {
    try {
      String json = body == null ? "" : JSON.writeValueAsString(body);
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Response put(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  /** The raw bytes of a download (an export, a PDF), with its status. */
  HttpResponse<byte[]> download(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart form: fields (a name may repeat) and files (name → bytes), as a browser sends an upload. */
  Response postFiles(String path, List<Map.Entry<String, String>> fields, String fileField,
      Map<String, byte[]> files) {
    String boundary = "----jiaoliu" + System.nanoTime();
    var body = new java.io.ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> f : fields) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
            + f.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
            + f.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(f.getValue());
        body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  Response postWithHeader(String path, Object body, String header, String value) {
    try {
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json").header(header, value)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(
          request.header("Authorization", "Bearer " + token).header("Accept-Language", "zh-CN")
              .timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
      return new Response(response.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, JsonNode body) {}
}
