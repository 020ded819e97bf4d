package cn.jiaoliu.app.web;

import cn.jiaoliu.app.engine.EngineUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Errors on pages: a translated message on the error page, with the right status. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorHandler {

  @ExceptionHandler(UserFacingException.class)
  String userFacing(UserFacingException e, Model model, HttpServletResponse response) {
    return page(e.status(), e.messageKey(), e.args(), model, response);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String badArgument(Model model, HttpServletResponse response) {
    return page(HttpStatus.NOT_FOUND, "error.notFound", new Object[0], model, response);
  }

  /** A form post without its parts or parameters (not sent by our own pages): the form is refused. */
  @ExceptionHandler({MultipartException.class,
      MissingServletRequestPartException.class,
      MissingServletRequestParameterException.class})
  String badForm(Model model, HttpServletResponse response) {
    return page(HttpStatus.BAD_REQUEST, "error.invalidForm", new Object[0], model, response);
  }

  @ExceptionHandler(EngineUnavailableException.class)
  String engineUnavailable(Model model, HttpServletResponse response) {
    return page(HttpStatus.SERVICE_UNAVAILABLE, "error.engineUnavailable", new Object[0], model, response);
  }

  private String page(HttpStatus status, String key, Object[] args, Model model, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("status", status.value());
    model.addAttribute("messageKey", key);
    model.addAttribute("messageArgs", args);
    return "problem";
  }
}
