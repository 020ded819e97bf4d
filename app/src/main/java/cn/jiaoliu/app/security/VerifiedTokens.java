package cn.jiaoliu.app.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers bearer tokens already checked, until they expire. A client sends the same token with
 * every call for its five minutes, and checking its RSA signature and claims again each time was an
 * eighth of the API's CPU under load (benchmark B1). A token is answered from here only while it
 * has not expired; anything else (new, expired, forged, malformed) goes to the real decoder, which
 * checks it and throws as before.
 */
final class VerifiedTokens implements JwtDecoder {

  private final JwtDecoder decoder;
  private final Clock clock;
  private final int capacity;
  private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

  /**
   * @param capacity tokens remembered at most (a few kilobytes each); when full, the expired ones
   *     are dropped, and if that frees nothing, all of them
   */
  VerifiedTokens(JwtDecoder decoder, Clock clock, int capacity) {
    this.decoder = decoder;
    this.clock = clock;
    this.capacity = capacity;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Instant now = clock.instant();
    Jwt known = verified.get(token);
    if (known != null && now.isBefore(known.getExpiresAt())) {
      return known;
    }
    Jwt jwt = decoder.decode(token);
    if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
      if (verified.size() >= capacity) {
        verified.values().removeIf(t -> !now.isBefore(t.getExpiresAt()));
        if (verified.size() >= capacity) {
          verified.clear();
        }
      }
      verified.put(token, jwt);
    }
    return jwt;
  }
}
