package cn.jiaoliu.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Caps a JSON body ({@code jiaoliu.api.max-json-body}, 1 MB by default): a larger declared length is
 * answered 413 with the API's translated problem before anything is read, and a body without a
 * length (chunked) stops being read at the cap, which the API answers as an unreadable body. No
 * form of the app comes near it; there was no limit at all. Uploads have their own
 * ({@code spring.servlet.multipart.max-file-size}), page forms Tomcat's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class JsonBodyLimit extends OncePerRequestFilter {

  private final long max;
  private final MessageSource messages;
  private final LocaleResolver locales;
  private final ObjectMapper json;

  JsonBodyLimit(@Value("${jiaoliu.api.max-json-body:1MB}") DataSize max,
      MessageSource messages, LocaleResolver locales, ObjectMapper json) {
    this.max = max.toBytes();
    this.messages = messages;
    this.locales = locales;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null || !type.toLowerCase(Locale.ROOT).contains("json");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > max) {
      // the API's problem, as ApiErrorHandler answers every other refusal
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
          messages.getMessage("error.tooLarge", new Object[] {String.valueOf(max / 1024)}, locales.resolveLocale(request)));
      problem.setProperty("code", "error.tooLarge");
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), problem);
      return;
    }
    chain.doFilter(new Capped(request, max), response);
  }

  /** A request whose body ends with an error once more than {@code max} bytes have been read. */
  private static final class Capped extends HttpServletRequestWrapper {
    private final long max;

    Capped(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++read > max) {
            throw new IOException("the body is larger than " + max + " bytes");
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0 && (read += n) > max) {
            throw new IOException("the body is larger than " + max + " bytes");
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
