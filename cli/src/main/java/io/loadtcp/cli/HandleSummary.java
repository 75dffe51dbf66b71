package io.loadtcp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.script.ScriptException;
import io.loadtcp.script.ScriptProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The script's {@code handleSummary(data)}: its result replaces the default summary — "stdout" and "stderr" are
 * printed, every other key is a file written with that content. If it fails, the default summary is printed
 * instead, so no result is lost.
 */
final class HandleSummary {
    private HandleSummary() {}

    static void write(ScriptProgram program, String defaultText, ObjectNode data, PrintWriter out, PrintWriter err) {
        program.setTextSummary(defaultText);
        Map<String, String> outputs;
        try {
            outputs = program.handleSummary(data.toString());
        } catch (ScriptException e) {
            err.println("error: " + e.getMessage() + "; printing the default summary instead");
            out.print(defaultText);
            return;
        }
        for (Map.Entry<String, String> o : outputs.entrySet()) {
            switch (o.getKey()) {
                case "stdout" -> out.print(o.getValue());
                case "stderr" -> err.print(o.getValue());
                default -> {
                    try {
                        Path file = Path.of(o.getKey());
                        if (file.getParent() != null) Files.createDirectories(file.getParent());
                        Files.writeString(file, o.getValue());
                    } catch (IOException | RuntimeException e) {
                        err.println("error: handleSummary(): cannot write " + o.getKey() + ": "
                                + (e instanceof IOException io ? IoErrors.describe(io) : e.getMessage()));
                    }
                }
            }
        }
        out.flush();
        err.flush();
    }
}
