package cn.jiaoliu.app.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Simplified Chinese unless the user picks English: {@code ?lang=en} (remembered in a cookie), or,
 * without a cookie, an Accept-Language whose first choice is English (API clients).
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("jiaoliu-lang");
    resolver.setDefaultLocaleFunction(request -> {
      String accept = request.getHeader("Accept-Language");
      return accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("en")
          ? Locale.ENGLISH
          : Locale.SIMPLIFIED_CHINESE;
    });
    resolver.setCookieMaxAge(Duration.ofDays(365));
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
    interceptor.setParamName("lang");
    interceptor.setIgnoreInvalidLocale(true);
    registry.addInterceptor(interceptor);
    registry.addInterceptor(new RoleGate());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ZoneId displayZone(@Value("${jiaoliu.time-zone}") String zone) {
    return ZoneId.of(zone);
  }
}
