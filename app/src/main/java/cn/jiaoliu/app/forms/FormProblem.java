package cn.jiaoliu.app.forms;

/** Why Jiaoliu cannot show or check a form: a message key and its arguments (the component, its type). */
public record FormProblem(String messageKey, Object... args) {}
