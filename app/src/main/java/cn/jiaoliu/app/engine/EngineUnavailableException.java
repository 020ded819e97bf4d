package cn.jiaoliu.app.engine;

/** The engine did not take a command (down, overloaded or timed out); the caller keeps its data and retries later. */
public class EngineUnavailableException extends RuntimeException {

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
