package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vault's weak field typing (spec §1.4). */
class FieldsTest {

    private static Map<String, Object> body(String k, Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put(k, v);
        return m;
    }

    @Test
    void nullCountsAsSuppliedExceptForDurations() {
        assertThat(Fields.string(body("f", null), "f")).hasValue("");
        assertThat(Fields.bool(body("f", null), "f")).hasValue(false);
        assertThat(Fields.commaStringSlice(body("f", null), "f")).hasValue(List.of());
        assertThat(Fields.kvPairs(body("f", null), "f")).hasValue(Map.of());
        assertThat(Fields.durationSeconds(body("f", null), "f")).isEmpty();
        assertThat(Fields.string(Map.of(), "f")).isEmpty();
    }

    @Test
    void weakConversions() {
        assertThat(Fields.string(body("f", 42), "f")).hasValue("42");
        assertThat(Fields.string(body("f", true), "f")).hasValue("1");
        assertThat(Fields.bool(body("f", "t"), "f")).hasValue(true);
        assertThat(Fields.bool(body("f", 0), "f")).hasValue(false);
        assertThat(Fields.commaStringSlice(body("f", " a , b "), "f")).hasValue(List.of("a", "b"));
        assertThat(Fields.commaStringSlice(body("f", ""), "f")).hasValue(List.of());
        assertThat(Fields.commaStringSlice(body("f", Arrays.asList(" x", null)), "f"))
                .hasValue(List.of("x", ""));
        assertThat(Fields.kvPairs(body("f", List.of("a=1", "b=x=y")), "f")).hasValue(Map.of("a", "1", "b", "x=y"));
        assertThat(Fields.kvPairs(body("f", body("k", null)), "f")).hasValue(Map.of("k", ""));
        assertThat(Fields.durationSeconds(body("f", "1h30m"), "f")).hasValue(5400L);
        assertThat(Fields.durationSeconds(body("f", "2d"), "f")).hasValue(172_800L);
        assertThat(Fields.durationSeconds(body("f", 90), "f")).hasValue(90L);
        assertThat(Fields.durationSeconds(body("f", "90"), "f")).hasValue(90L);
    }

    @Test
    void errorsNameTheFieldAndPrintInputsLikeGo() {
        assertThatThrownBy(() -> Fields.string(body("f", List.of("a", "b")), "f"))
                .hasMessageStartingWith("Field validation failed: error converting input [a b] for field \"f\": ");
        assertThatThrownBy(() -> Fields.kvPairs(body("m", List.of("novalue")), "m"))
                .hasMessageContaining("invalid key pair \"novalue\"");
        assertThatThrownBy(() -> Fields.durationSeconds(body("ttl", "-5"), "ttl"))
                .hasMessageContaining("for field \"ttl\"");
        assertThatThrownBy(() -> Fields.durationSeconds(body("ttl", "soon"), "ttl"))
                .hasMessageContaining("time: invalid duration \"soon\"");
    }
}
