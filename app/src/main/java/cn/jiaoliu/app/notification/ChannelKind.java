package cn.jiaoliu.app.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The group robots a district can post to. Each posts JSON to the robot's webhook address and
 * answers {@code {"errcode":0}} when it took the message.
 */
enum ChannelKind {

  /** 企业微信群机器人: markdown, at most 4096 bytes; the key is in the address. */
  WECOM("qyapi.weixin.qq.com", 4000) {
    @Override
    ObjectNode body(ObjectMapper json, String title, String markdown) {
      ObjectNode body = json.createObjectNode().put("msgtype", "markdown");
      body.putObject("markdown").put("content", markdown);
      return body;
    }

    @Override
    String address(String url, String secret, long nowMillis) {
      return url;
    }
  },

  /** 钉钉自定义机器人: markdown with a title; when the robot has a signing secret (加签), every post is signed. */
  DINGTALK("oapi.dingtalk.com", 18000) {
    @Override
    ObjectNode body(ObjectMapper json, String title, String markdown) {
      ObjectNode body = json.createObjectNode().put("msgtype", "markdown");
      body.putObject("markdown").put("title", title).put("text", markdown);
      return body;
    }

    @Override
    String address(String url, String secret, long nowMillis) {
      if (secret == null || secret.isBlank()) {
        return url;
      }
      return url + (url.contains("?") ? "&" : "?") + "timestamp=" + nowMillis + "&sign="
          + URLEncoder.encode(sign(nowMillis, secret), StandardCharsets.UTF_8);
    }
  };

  /** The one host the bureau's robots live at: the app posts nowhere else (no requests into the bureau's network). */
  private final String host;
  /** How much text one post may carry (the robots' limits, with room for the heading). */
  private final int maxBytes;

  ChannelKind(String host, int maxBytes) {
    this.host = host;
    this.maxBytes = maxBytes;
  }

  String host() {
    return host;
  }

  int maxBytes() {
    return maxBytes;
  }

  abstract ObjectNode body(ObjectMapper json, String title, String markdown);

  /** Where to post now: the robot's address, signed where the robot asks for it. */
  abstract String address(String url, String secret, long nowMillis);

  /** DingTalk's signature: Base64 of HMAC-SHA256 over "timestamp\nsecret", keyed with the secret. */
  static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
