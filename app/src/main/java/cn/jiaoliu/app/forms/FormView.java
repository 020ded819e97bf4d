package cn.jiaoliu.app.forms;

import java.util.List;

/** A form ready to draw: its components in order. */
public record FormView(String formId, List<FieldView> fields) {}
