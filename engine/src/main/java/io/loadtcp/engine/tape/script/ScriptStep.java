package io.loadtcp.engine.tape.script;

import io.loadtcp.engine.tape.Direction;
import io.loadtcp.engine.tape.RecordedConnection;
import io.loadtcp.engine.tape.TapeEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One request/response step of a recorded connection: what the client sent, then what the server answered before
 * the client spoke again, and how long that answer took when recorded.
 */
public record ScriptStep(byte[] send, byte[] expect, long recordedNanos) {

    /** Splits a connection into steps; consecutive chunks in one direction are joined (chunking is not kept). */
    public static List<ScriptStep> of(RecordedConnection connection) {
        List<ScriptStep> steps = new ArrayList<>();
        ByteArrayOutputStream send = new ByteArrayOutputStream();
        ByteArrayOutputStream expect = new ByteArrayOutputStream();
        long sentAt = connection.startNanos();
        long answeredAt = sentAt;
        for (TapeEvent e : connection.events()) {
            if (!(e instanceof TapeEvent.Data d)) continue;
            if (d.direction() == Direction.CLIENT_TO_SERVER) {
                if (expect.size() > 0) {
                    steps.add(new ScriptStep(send.toByteArray(), expect.toByteArray(), Math.max(0, answeredAt - sentAt)));
                    send.reset();
                    expect.reset();
                }
                send.writeBytes(d.bytes());
                sentAt = d.nanos();
            } else {
                expect.writeBytes(d.bytes());
                answeredAt = d.nanos();
            }
        }
        if (send.size() > 0 || expect.size() > 0) {
            steps.add(new ScriptStep(send.toByteArray(), expect.toByteArray(), Math.max(0, answeredAt - sentAt)));
        }
        return steps;
    }
}
