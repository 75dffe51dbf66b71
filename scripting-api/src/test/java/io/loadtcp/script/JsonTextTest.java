package io.loadtcp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** JsonText gives what Jackson's ObjectMapper gives (its reference), without creating one. */
class JsonTextTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"vus\":10,\"duration\":\"30s\",\"tags\":{\"a\":\"b\"},\"on\":true,\"off\":false,\"none\":null}",
            "{\"stages\":[{\"duration\":\"1s\",\"target\":2},{\"duration\":\"500ms\",\"target\":0}]}",
            "[1, 2147483648, 123456789012345678901234567890, 1.5, -0.25, 1e3, \"\\u00e9\\n\\\"\"]",
            "{\"same\":1,\"same\":2}",
            "{\"nested\":{\"deeper\":[[],{}]}}",
            "\"text\"", "42", "null", "   "})
    void readsTheTreeObjectMapperReads(String text) throws Exception {
        assertEquals(MAPPER.readTree(text), JsonText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"scenarios\":{\"a\":{\"executor\":\"constant-vus\",\"vus\":2,\"duration\":\"1s\",\"env\":{\"X\":\"1\"}}}}",
            "[1, 2147483648, 1.5, true, null, \"s\", {\"k\":[null]}]"})
    void convertsToThePlainValuesObjectMapperGives(String text) throws Exception {
        var tree = MAPPER.readTree(text);
        assertEquals(MAPPER.convertValue(tree, Object.class), JsonText.plain(tree));
    }

    @Test
    void invalidTextFailsWithItsLocation() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JsonText.parse("{\n  \"vus\": ,}"));
        assertEquals(2, e.getLocation().getLineNr());
        assertTrue(e.getLocation().getColumnNr() > 1, e.getMessage());
    }

    @Test
    void writesAStringMapAsObjectMapperDoes() throws Exception {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("PORT", "7999");
        map.put("quote\"and\\slash", "line\nbreak\ttab\u0001é");
        assertEquals(MAPPER.writeValueAsString(map), JsonText.object(map));
        assertEquals("{}", JsonText.object(Map.of()));
    }
}
