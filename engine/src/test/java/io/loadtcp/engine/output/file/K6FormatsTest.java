package io.loadtcp.engine.output.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricType;
import io.loadtcp.engine.metrics.SampleBuffer;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.ValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines of k6's json and csv outputs, character for character. */
class K6FormatsTest {
    /** 2026-11-22T09:34:45.000000123Z */
    private static final long AT = 1_795_340_085_000_000_123L;
    private static final Tags SOCKET = Tags.of("host", "127.0.0.1", "port", "7007", "proto", "tcp", "scenario", "default");

    private static String lines(SampleFormat format, SampleBuffer samples) {
        StringBuilder out = new StringBuilder(format.header());
        for (int i = 0; i < samples.size(); i++) format.append(samples, i, out);
        return out.toString();
    }

    @Test
    void jsonDeclaresEachMetricOnceWithItsThresholdsThenWritesPointsWithTimesInMilliseconds() {
        SampleBuffer s = new SampleBuffer(4);
        s.add(BuiltinMetrics.TCP_SOCKET_CONNECTING, SOCKET, 52_341, AT);
        s.add(BuiltinMetrics.TCP_SOCKET_CONNECTING, SOCKET, 2_000_000, AT + 1_000_000_000L);
        s.add(BuiltinMetrics.VUS, Tags.EMPTY, 5, AT);
        K6JsonFormat json = new K6JsonFormat();
        json.thresholds(Map.of("tcp_socket_connecting", List.of("p(95)<10", "max<100")));

        assertEquals("""
                {"type":"Metric","data":{"name":"tcp_socket_connecting","type":"trend","contains":"time","tainted":null,"thresholds":["p(95)<10","max<100"],"submetrics":null},"metric":"tcp_socket_connecting"}
                {"type":"Point","data":{"time":"2026-11-22T09:34:45.000000123Z","value":0.052341,"tags":{"host":"127.0.0.1","port":"7007","proto":"tcp","scenario":"default"}},"metric":"tcp_socket_connecting"}
                {"type":"Point","data":{"time":"2026-11-22T09:34:46.000000123Z","value":2,"tags":{"host":"127.0.0.1","port":"7007","proto":"tcp","scenario":"default"}},"metric":"tcp_socket_connecting"}
                {"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","tainted":null,"thresholds":[],"submetrics":null},"metric":"vus"}
                {"type":"Point","data":{"time":"2026-11-22T09:34:45.000000123Z","value":5,"tags":null},"metric":"vus"}
                """, lines(json, s));
    }

    @Test
    void jsonEscapesTagsAndWritesNumbersJsonCanHold() {
        Metric gauge = Metric.custom("level", MetricType.GAUGE, ValueType.DEFAULT);
        SampleBuffer s = new SampleBuffer(4);
        s.add(gauge, Tags.of("say", "\"hi\"\\\n\t\u0001"), 1.25, AT);
        s.add(gauge, Tags.EMPTY, Double.NaN, AT);
        s.add(gauge, Tags.EMPTY, -3, AT);

        String text = lines(new K6JsonFormat(), s);

        assertEquals(List.of(
                "\"value\":1.25,\"tags\":{\"say\":\"\\\"hi\\\"\\\\\\n\\t\\u0001\"}",
                "\"value\":null,\"tags\":null",
                "\"value\":-3,\"tags\":null"),
                text.lines().skip(1).map(l -> l.substring(l.indexOf("\"value\""), l.indexOf("},\"metric\""))).toList());
    }

    @Test
    void csvPutsK6sSystemTagsInColumnsAndTheRestInExtraTags() {
        SampleBuffer s = new SampleBuffer(4);
        s.add(BuiltinMetrics.TCP_SOCKET_CONNECTING, SOCKET.with("kind", "a,b"), 52_341, AT);
        s.add(BuiltinMetrics.CHECKS, Tags.of("check", "reply is \"pong\"", "scenario", "default", "group", "::login"), 1, AT);
        s.add(BuiltinMetrics.DATA_SENT, Tags.EMPTY, 64, AT);

        assertEquals("""
                metric_name,timestamp,metric_value,check,error,error_code,group,method,name,proto,scenario,status,subproto,tls_version,url,extra_tags
                tcp_socket_connecting,1795340085,0.052341,,,,,,,tcp,default,,,,,"host=127.0.0.1&kind=a,b&port=7007"
                checks,1795340085,1.000000,"reply is \"\"pong\"\"\",,,::login,,,,default,,,,,
                data_sent,1795340085,64.000000,,,,,,,,,,,,,
                """, lines(new K6CsvFormat(K6CsvFormat.TimeFormat.UNIX), s));
    }

    @Test
    void csvWritesK6sTimeFormatsAndSixDecimals() {
        Map<K6CsvFormat.TimeFormat, String> expected = Map.of(
                K6CsvFormat.TimeFormat.UNIX, "1795340085",
                K6CsvFormat.TimeFormat.UNIX_MILLI, "1795340085000",
                K6CsvFormat.TimeFormat.UNIX_MICRO, "1795340085000000",
                K6CsvFormat.TimeFormat.UNIX_NANO, "1795340085000000123",
                K6CsvFormat.TimeFormat.RFC3339, "2026-11-22T09:34:45Z",
                K6CsvFormat.TimeFormat.RFC3339_NANO, "2026-11-22T09:34:45.000000123Z");
        expected.forEach((format, time) -> {
            SampleBuffer s = new SampleBuffer(1);
            s.add(BuiltinMetrics.VUS, Tags.EMPTY, 1, AT);
            assertEquals("vus," + time + ",1.000000,,,,,,,,,,,,,", lines(new K6CsvFormat(format), s).lines().skip(1).findFirst().orElseThrow(),
                    format.k6Name());
            assertEquals(format, K6CsvFormat.TimeFormat.named(format.k6Name()));
        });

        StringBuilder b = new StringBuilder();
        for (double v : new double[] {0.052341, 1e-7, 2.5e-6, 123456789.125, -0.5, 1e20}) {
            K6CsvFormat.appendSixDecimals(v, b);
            b.append(' ');
        }
        assertEquals("0.052341 0.000000 0.000003 123456789.125000 -0.500000 100000000000000000000.000000 ", b.toString());
    }
}
