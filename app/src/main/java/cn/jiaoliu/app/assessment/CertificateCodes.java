package cn.jiaoliu.app.assessment;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The verification codes of certificates: 20 characters of base32 (RFC 4648: A–Z, 2–7; 100 random
 * bits from {@link SecureRandom}, not to be guessed), printed in groups of four
 * ({@code K7QM-2XPA-…}). What a person types is read leniently: any case, with or without the
 * hyphens and spaces; anything else is not a code.
 */
final class CertificateCodes {

  static final int LENGTH = 20;
  /** The longest input taken as a code at all (grouped, spaced): anything longer is refused unread. */
  static final int MAX_INPUT = 40;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateCodes() {}

  /** A new code, as stored (ungrouped). */
  static String next() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The code in groups of four for reading and printing. */
  static String grouped(String code) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < code.length(); i += 4) {
      if (i > 0) {
        out.append('-');
      }
      out.append(code, i, Math.min(code.length(), i + 4));
    }
    return out.toString();
  }

  /** What was typed, as a stored code; empty when it cannot be one (wrong length or characters). */
  static Optional<String> normalized(String input) {
    if (input == null || input.length() > MAX_INPUT) {
      return Optional.empty();
    }
    String code = input.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(code);
  }
}
