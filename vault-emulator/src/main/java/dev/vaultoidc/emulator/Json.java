package dev.vaultoidc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out, and Vault's timestamp format. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Json() {}

  /** Parses a JSON object; JSON nulls stay as null entries (spec §1.4). */
  static Map<String, Object> parseObject(byte[] body) throws IOException {
    return MAPPER.readValue(body, OBJECT);
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's {@code ptypes.TimestampString}
   * prints it (spec §1.10): {@code 2025-07-01T02:55:15.4849Z}, {@code 2025-07-01T02:55:15Z}.
   */
  static String timestamp(Instant t) {
    StringBuilder sb = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append('Z').toString();
  }
}
