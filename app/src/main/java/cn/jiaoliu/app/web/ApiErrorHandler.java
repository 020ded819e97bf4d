package cn.jiaoliu.app.web;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Errors of {@code /api/**} as RFC 9457 problem details, translated by the request's Accept-Language.
 * Ordered first: Spring Boot's own problem-details handler (on with {@code spring.mvc.problemdetails})
 * handles mistyped parameters and unreadable bodies too, and answered them in English before this did.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  private final MessageSource messages;

  ApiErrorHandler(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(UserFacingException.class)
  ProblemDetail userFacing(UserFacingException e, Locale locale) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(e.status(), messages.getMessage(e.messageKey(), e.args(), locale));
    problem.setProperty("code", e.messageKey());
    if (!e.fieldErrors().isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>();
      e.fieldErrors().forEach((field, key) -> fields.put(field, messages.getMessage(key, e.fieldErrorArgs(field), locale)));
      problem.setProperty("fields", fields);
    }
    return problem;
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalidBody(MethodArgumentNotValidException e, Locale locale) {
    Map<String, String> fields = new LinkedHashMap<>();
    FieldErrors.keys(e.getBindingResult())
        .forEach((field, key) -> fields.put(field, messages.getMessage(key, null, key, locale)));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.getMessage("error.invalidForm", null, locale));
    problem.setProperty("code", "error.invalidForm");
    problem.setProperty("fields", fields);
    return problem;
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
      HttpMediaTypeNotSupportedException.class, MultipartException.class,
      MissingServletRequestPartException.class,
      MissingServletRequestParameterException.class})
  ProblemDetail unreadable(Exception e, Locale locale) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.getMessage("error.unreadable", null, locale));
    problem.setProperty("code", "error.unreadable");
    return problem;
  }

  @ExceptionHandler(EngineUnavailableException.class)
  ProblemDetail engineUnavailable(EngineUnavailableException e, Locale locale) {
    log.warn("engine unavailable: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
        HttpStatus.SERVICE_UNAVAILABLE, messages.getMessage("error.engineUnavailable", null, locale));
    problem.setProperty("code", "error.engineUnavailable");
    return problem;
  }
}
