package cn.jiaoliu.app.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only bearer tokens issued for the app: for Keycloak, the authorised party ({@code azp})
 * is the app's client, or the app's client is among the audiences (an audience mapper); never a
 * service account's token. Issuer and signature alone let in a token issued to {@code admin-cli} by
 * the password grant, and the user-administration client's service account read applications,
 * tasks and notifications and got a user row of its own.
 */
final class IssuedForTheApp implements OAuth2TokenValidator<Jwt> {

  private static final OAuth2Error NOT_FOR_THE_APP =
      new OAuth2Error("invalid_token", "The token was not issued for this application", null);

  private final String clientId;

  IssuedForTheApp(String clientId) {
    this.clientId = clientId;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    String party = token.getClaimAsString("azp");
    List<String> audiences = token.getAudience() == null ? List.of() : token.getAudience();
    boolean forTheApp = clientId.equals(party) || audiences.contains(clientId);
    String username = token.getClaimAsString(JiaoliuUser.CLAIM_USERNAME);
    boolean serviceAccount = username != null && username.startsWith("service-account-");
    return forTheApp && !serviceAccount ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(NOT_FOR_THE_APP);
  }
}
