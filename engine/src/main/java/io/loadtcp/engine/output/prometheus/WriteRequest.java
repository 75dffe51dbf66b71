package io.loadtcp.engine.output.prometheus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * Prometheus remote write's {@code WriteRequest} in protobuf, written by hand: the message is three small types and a
 * generated protobuf library would be the largest dependency of the engine.
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }   // milliseconds since the epoch
 * </pre>
 */
final class WriteRequest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int series;

    /** Adds one series with one sample; {@code labels} include {@code __name__}, sorted by name, none empty. */
    void add(SortedMap<String, String> labels, double value, long epochMillis) {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            ByteArrayOutputStream label = new ByteArrayOutputStream();
            bytesField(label, 1, l.getKey().getBytes(StandardCharsets.UTF_8));
            bytesField(label, 2, l.getValue().getBytes(StandardCharsets.UTF_8));
            bytesField(ts, 1, label.toByteArray());
        }
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        tag(sample, 1, 1); // 64-bit
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) sample.write((int) (bits >>> (8 * i)));
        tag(sample, 2, 0); // varint
        varint(sample, epochMillis);
        bytesField(ts, 2, sample.toByteArray());
        bytesField(out, 1, ts.toByteArray());
        series++;
    }

    int series() {
        return series;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void bytesField(ByteArrayOutputStream to, int field, byte[] bytes) {
        tag(to, field, 2); // length-delimited
        varint(to, bytes.length);
        to.writeBytes(bytes);
    }

    private static void tag(ByteArrayOutputStream to, int field, int wireType) {
        varint(to, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream to, long v) {
        while ((v & ~0x7FL) != 0) {
            to.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        to.write((int) v);
    }
}
