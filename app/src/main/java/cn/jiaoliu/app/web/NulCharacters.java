package cn.jiaoliu.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text holding a NUL character is refused at the door (400): no user types one, and PostgreSQL
 * cannot store it, so without this check such input would reach the database and fail there.
 * Form parameters are checked by a filter, JSON texts while they are read.
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters {

  static boolean holdsNul(String text) {
    return text != null && text.indexOf('\u0000') >= 0;
  }

  /** A Jackson module bean: Spring Boot registers it with the app's ObjectMapper beside its own modules. */
  @Bean
  Module refuseNulInJson() {
    SimpleModule module = new SimpleModule("refuse-nul");
    module.addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
        String value = super.deserialize(p, context);
        if (holdsNul(value)) {
          return (String) context.handleWeirdStringValue(String.class, value, "a NUL character is not allowed");
        }
        return value;
      }
    });
    return module;
  }

  @Bean
  OncePerRequestFilter refuseNulInParameters() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        boolean nul = request.getParameterMap().entrySet().stream()
            .anyMatch(e -> holdsNul(e.getKey()) || Arrays.stream(e.getValue()).anyMatch(NulCharacters::holdsNul));
        if (nul) {
          response.sendError(HttpServletResponse.SC_BAD_REQUEST);
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }
}
