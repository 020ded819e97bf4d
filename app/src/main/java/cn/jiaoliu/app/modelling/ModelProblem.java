package cn.jiaoliu.app.modelling;

/**
 * Why a model is refused: where (a file, or a step with its id; null for the whole upload) and a
 * message key with its arguments.
 */
public record ModelProblem(String where, String messageKey, Object... args) {}
