package io.loadtcp.script;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Formats JavaScript errors the way a user wants to read them: message, then file:line:column. */
final class JsErrors {
    private JsErrors() {}

    /** "ReferenceError: x is not defined at script.js:12:5", one line. */
    static String oneLine(PolyglotException e) {
        String message = e.getMessage() == null ? "error" : e.getMessage().lines().findFirst().orElse("error");
        SourceSection at = firstGuestLocation(e);
        if (at == null || message.contains(at.getSource().getName() + ":")) return message;
        return message + " at " + location(at);
    }

    /** The message plus the JavaScript stack, for the first report of an error. */
    static String withStack(PolyglotException e) {
        StringBuilder b = new StringBuilder(e.getMessage() == null ? "error" : e.getMessage());
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) continue;
            b.append("\n\tat ").append(f.getRootName() == null || f.getRootName().isEmpty() ? "<anonymous>" : f.getRootName())
                    .append(" (").append(location(f.getSourceLocation())).append(')');
        }
        return b.toString();
    }

    /** For a syntax error: "file:line:column: message" followed by the offending line and a caret. */
    static String syntax(PolyglotException e) {
        SourceSection s = e.getSourceLocation();
        String message = e.getMessage() == null ? "syntax error" : e.getMessage();
        if (s == null) return message;
        String where = location(s);
        String first = message.lines().findFirst().orElse(message);
        // GraalJS puts "name:line:col " before its message; keep only the description.
        int cut = first.indexOf(s.getSource().getName() + ":");
        String description = first;
        if (cut >= 0) {
            String rest = first.substring(cut + s.getSource().getName().length() + 1);
            int space = rest.indexOf(' ');
            description = space >= 0 ? first.substring(0, cut) + rest.substring(space + 1) : first;
        }
        String line = s.getSource().getCharacters(s.getStartLine()).toString();
        return where + ": " + description.trim() + "\n    " + line + "\n    " + " ".repeat(Math.max(0, s.getStartColumn() - 1)) + "^";
    }

    static String location(SourceSection s) {
        return path(s) + ":" + s.getStartLine() + ":" + s.getStartColumn();
    }

    private static String path(SourceSection s) {
        return s.getSource().getPath() != null ? s.getSource().getPath() : s.getSource().getName();
    }

    /**
     * Where in the user's own code the error happened: an error thrown inside a built-in module (say, a metric name
     * that Counter refuses) is located at the user's line that called it, not inside the module.
     */
    private static SourceSection firstGuestLocation(PolyglotException e) {
        SourceSection thrownAt = e.getSourceLocation();
        if (thrownAt != null && !isBuiltin(thrownAt)) return thrownAt;
        SourceSection firstGuest = null;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) continue;
            if (!isBuiltin(f.getSourceLocation())) return f.getSourceLocation();
            if (firstGuest == null) firstGuest = f.getSourceLocation();
        }
        return thrownAt != null ? thrownAt : firstGuest;
    }

    private static boolean isBuiltin(SourceSection s) {
        String path = path(s);
        return path != null && path.startsWith(BuiltinModules.ROOT);
    }
}
