package cn.jiaoliu.app.web;

import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * What Bean Validation and type conversion found wrong with a typed form or body, as the app's
 * field errors: one message key per field (the constraint's message is the key, e.g.
 * {@code error.required}; text that is no number or date gets {@code error.invalidNumber} or
 * {@code error.invalidDate}). Pages and the API translate them like every other field error.
 */
public final class FieldErrors {

  private FieldErrors() {}

  public static Map<String, String> keys(BindingResult binding) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (FieldError error : binding.getFieldErrors()) {
      keys.putIfAbsent(error.getField(), keyOf(binding, error));
    }
    return keys;
  }

  /** The 400 with the field errors, as the services' own checks throw it. */
  public static UserFacingException invalid(BindingResult binding) {
    return UserFacingException.invalid(keys(binding));
  }

  private static String keyOf(BindingResult binding, FieldError error) {
    if (error.isBindingFailure()) {
      Class<?> type = binding.getFieldType(error.getField());
      return type != null && Temporal.class.isAssignableFrom(type) ? "error.invalidDate" : "error.invalidNumber";
    }
    String message = error.getDefaultMessage();
    return message == null || message.isBlank() ? "error.invalidForm" : message;
  }
}
