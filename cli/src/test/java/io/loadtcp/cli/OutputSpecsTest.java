package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a run's outputs come from when {@code --out} is not given: k6's {@code K6_OUT} and the config file's "out". */
class OutputSpecsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aVariableHoldsSeveralOutputsEachWithItsOwnCommaSeparatedOptions() {
        assertEquals(List.of("json=a.json"), OutputSpecs.split("json=a.json"));
        assertEquals(List.of("csv=a.csv,timeFormat=rfc3339", "json=b.json.gz", "prometheus=127.0.0.1:9464,linger=5s",
                        "experimental-prometheus-rw=http://localhost:9090/api/v1/write,pushInterval=1s", "experimental-prometheus-rw"),
                OutputSpecs.split("csv=a.csv,timeFormat=rfc3339,json=b.json.gz,prometheus=127.0.0.1:9464,linger=5s,"
                        + "experimental-prometheus-rw=http://localhost:9090/api/v1/write,pushInterval=1s,experimental-prometheus-rw"));
        assertEquals(List.of("influxdb=http://x"), OutputSpecs.split("influxdb=http://x"), "an unknown type is left for --out's own error");
    }

    @Test
    void flagsReplaceTheEnvironmentWhichReplacesTheConfigFile() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"vus\": 2, \"out\": [\"json=config.json\", \"csv=config.csv\"]}");
        Map<String, String> env = Map.of("K6_OUT", "json=k6.json", "LOADTCP_OUT", "csv=ours.csv");

        assertEquals(new OutputSpecs(List.of("json=flag.json"), "--out"), OutputSpecs.choose(List.of("json=flag.json"), env, config));
        assertEquals(new OutputSpecs(List.of("csv=ours.csv"), "LOADTCP_OUT"), OutputSpecs.choose(List.of(), env, config));
        assertEquals(new OutputSpecs(List.of("json=k6.json"), "K6_OUT"),
                OutputSpecs.choose(List.of(), Map.of("K6_OUT", "json=k6.json"), config));
        assertEquals(List.of("json=config.json", "csv=config.csv"), OutputSpecs.choose(List.of(), Map.of(), config).specs());
        assertEquals(List.of("json=one.json"), OutputSpecs.choose(List.of(), Map.of(),
                (ObjectNode) JSON.readTree("{\"out\": \"json=one.json\"}")).specs(), "k6 accepts one string too");
        assertEquals(List.of(), OutputSpecs.choose(List.of(), Map.of("K6_OUT", " "), null).specs());
    }

    @Test
    void anOutOptionOfTheWrongShapeIsAnInvalidConfig() throws Exception {
        UserError e = assertThrows(UserError.class, () -> OutputSpecs.choose(List.of(), Map.of(),
                (ObjectNode) JSON.readTree("{\"out\": {\"json\": \"a.json\"}}")));
        assertEquals(ExitCodes.INVALID_CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("config file: \"out\" must be a string or an array of strings"), e.getMessage());
    }
}
