package cn.jiaoliu.app.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the user is told about, in their language: a message key, its arguments and, for forms,
 * a message key per field. Nothing was changed when one is thrown.
 */
public class UserFacingException extends RuntimeException {

  private final HttpStatus status;
  private final String messageKey;
  private final transient Object[] args;
  private final Map<String, String> fieldErrors;
  private final transient Map<String, Object[]> fieldErrorArgs;

  public UserFacingException(HttpStatus status, String messageKey, Object... args) {
    this(status, messageKey, Map.of(), args);
  }

  public UserFacingException(HttpStatus status, String messageKey, Map<String, String> fieldErrors, Object... args) {
    super(messageKey);
    this.status = status;
    this.messageKey = messageKey;
    this.args = args;
    this.fieldErrors = Map.copyOf(fieldErrors);
    this.fieldErrorArgs = Map.of();
  }

  private UserFacingException(Map<String, String> fieldErrors, Map<String, Object[]> fieldErrorArgs) {
    super("error.invalidForm");
    this.status = HttpStatus.BAD_REQUEST;
    this.messageKey = "error.invalidForm";
    this.args = new Object[0];
    this.fieldErrors = Map.copyOf(fieldErrors);
    this.fieldErrorArgs = Map.copyOf(fieldErrorArgs);
  }

  public static UserFacingException notFound() {
    return new UserFacingException(HttpStatus.NOT_FOUND, "error.notFound");
  }

  public static UserFacingException conflict(String messageKey, Object... args) {
    return new UserFacingException(HttpStatus.CONFLICT, messageKey, args);
  }

  public static UserFacingException invalid(Map<String, String> fieldErrors) {
    return new UserFacingException(HttpStatus.BAD_REQUEST, "error.invalidForm", fieldErrors);
  }

  /** Bad input in several fields whose messages take arguments (a length, a bound): field → arguments. */
  public static UserFacingException invalid(Map<String, String> fieldErrors, Map<String, Object[]> fieldErrorArgs) {
    return new UserFacingException(fieldErrors, fieldErrorArgs);
  }

  /** Bad input in one field: the message is the field's error and the whole form's. */
  public static UserFacingException field(String field, String messageKey, Object... args) {
    return new UserFacingException(HttpStatus.BAD_REQUEST, messageKey, Map.of(field, messageKey), args);
  }

  public HttpStatus status() {
    return status;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args.clone();
  }

  /** field name → message key */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** The arguments of each field's message (field → arguments), for a page that shows the form again. */
  public Map<String, Object[]> fieldErrorArgs() {
    return fieldErrorArgs;
  }

  /** The arguments of a field's message, empty when it takes none. */
  public Object[] fieldErrorArgs(String field) {
    Object[] found = fieldErrorArgs.get(field);
    return found == null ? new Object[0] : found.clone();
  }
}
