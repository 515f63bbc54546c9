package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Go encoding/json behaviour the engine relies on for signed payloads and error texts. */
class OidcJsonTest {

    @Test
    void syntaxErrorsUseGoScannerMessages() {
        assertThat(OidcJson.syntaxError("{\"a\":1}")).isEmpty();
        assertThat(OidcJson.syntaxError("")).contains("unexpected end of JSON input");
        assertThat(OidcJson.syntaxError("x")).contains("invalid character 'x' looking for beginning of value");
        assertThat(OidcJson.syntaxError("{a:1}"))
                .contains("invalid character 'a' looking for beginning of object key string");
        assertThat(OidcJson.syntaxError("{\"a\" 1}")).contains("invalid character '1' after object key");
        assertThat(OidcJson.syntaxError("{\"a\":1 \"b\"}"))
                .contains("invalid character '\"' after object key:value pair");
        assertThat(OidcJson.syntaxError("[1 2]")).contains("invalid character '2' after array element");
        assertThat(OidcJson.syntaxError("{} x")).contains("invalid character 'x' after top-level value");
        assertThat(OidcJson.syntaxError("tru")).contains("unexpected end of JSON input");
        assertThat(OidcJson.syntaxError("-a")).contains("invalid character 'a' in numeric literal");
        assertThat(OidcJson.syntaxError("1.e"))
                .contains("invalid character 'e' after decimal point in numeric literal");
        assertThat(OidcJson.syntaxError("\"\\q\"")).contains("invalid character 'q' in string escape code");
    }

    @Test
    void topLevelMustBeAnObjectAndNullIsEmpty() throws Exception {
        assertThat(OidcJson.parseObject("null")).isEmpty();
        assertThatThrownBy(() -> OidcJson.parseObject("\"s\""))
                .hasMessage("json: cannot unmarshal string into Go value of type map[string]interface {}");
        assertThatThrownBy(() -> OidcJson.parseObject("true"))
                .hasMessage("json: cannot unmarshal bool into Go value of type map[string]interface {}");
    }

    @Test
    void numbersAreFloat64AndPrintedLikeGo() throws Exception {
        Map<String, Object> m = OidcJson.parseObject(
                "{\"i\":1700000000,\"f\":2.50,\"big\":12345678901234567890," + "\"tiny\":0.0000001,\"huge\":1e21}");
        assertThat(OidcJson.write(new TreeMap<>(m)))
                .isEqualTo("{\"big\":12345678901234567000,\"f\":2.5,\"huge\":1e+21,\"i\":1700000000,\"tiny\":1e-7}");
    }

    @Test
    void writerKeepsGivenOrderAndEscapesHtml() {
        assertThat(OidcJson.write(Map.of("k", List.of("<&>", true))))
                .isEqualTo("{\"k\":[\"\\u003c\\u0026\\u003e\",true]}");
    }
}
