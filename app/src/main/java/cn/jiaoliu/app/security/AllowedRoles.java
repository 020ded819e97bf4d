package cn.jiaoliu.app.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may use a page or an endpoint (any one of them); everyone else is refused with 403
 * before the handler runs. On a controller it holds for every handler; on a handler it replaces the
 * controller's. What a user may see within it (their school, their district, their cases) is the
 * scope's business: {@link CaseScope}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedRoles {
  Role[] value();
}
