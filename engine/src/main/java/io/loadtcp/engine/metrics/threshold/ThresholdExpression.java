package io.loadtcp.engine.metrics.threshold;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed threshold condition, {@code aggregation operator number}, e.g. {@code p(99.9) < 200}: spaces are
 * allowed between the parts. Values of time trends are compared in milliseconds, as in k6.
 */
public record ThresholdExpression(String source, Aggregation aggregation, Operator operator, double value) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /** Parses {@code source}; throws {@link ThresholdSyntaxException} naming the column of the first problem. */
    public static ThresholdExpression parse(String source) {
        return new Parser(source).expression();
    }

    /** True when {@code observed} (in the compared unit: ms for time trends) satisfies this condition. */
    public boolean test(double observed) {
        return operator.test(observed, value);
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        ThresholdExpression expression() {
            skipSpaces();
            if (pos == s.length()) throw error("empty threshold: expected e.g. p(95)<200");
            Aggregation aggregation = aggregation();
            skipSpaces();
            Operator op = Operator.at(s, pos);
            if (op == null) throw error("expected an operator (> >= < <= == === !=)" + found());
            pos += op.symbol().length();
            skipSpaces();
            double value = number("expected a number after '" + op.symbol() + "'");
            skipSpaces();
            if (pos != s.length()) throw error("unexpected '" + s.charAt(pos) + "' after the number");
            return new ThresholdExpression(s, aggregation, op, value);
        }

        private Aggregation aggregation() {
            int start = pos;
            Matcher m = WORD.matcher(s).region(pos, s.length());
            if (!m.lookingAt()) throw error("expected an aggregation (count, rate, value, avg, min, max, med, p(N))" + found());
            String word = m.group();
            if (word.equals("p")) {
                pos = m.end();
                skipSpaces();
                if (!s.startsWith("(", pos)) throw error("expected '(' after p, as in p(95)" + found());
                pos++;
                skipSpaces();
                int numberAt = pos;
                double p = number("expected a percentile between 0 and 100 in p(…)");
                if (p < 0 || p > 100) {
                    pos = numberAt;
                    throw error("percentile " + s.substring(numberAt, numberAt + numberLength(numberAt)).trim()
                            + " is not between 0 and 100");
                }
                skipSpaces();
                if (!s.startsWith(")", pos)) throw error("expected ')' to close p(" + found());
                pos++;
                return Aggregation.percentile(p);
            }
            Aggregation.Kind kind = Aggregation.keyword(word);
            if (kind == null) {
                pos = start;
                throw error("unknown aggregation '" + word + "' (use count, rate, value, avg, min, max, med or p(N))");
            }
            pos = m.end();
            return Aggregation.of(kind);
        }

        private int numberLength(int at) {
            Matcher m = NUMBER.matcher(s).region(at, s.length());
            return m.lookingAt() ? m.end() - at : 0;
        }

        private double number(String expected) {
            Matcher m = NUMBER.matcher(s).region(pos, s.length());
            if (!m.lookingAt()) throw error(expected + found());
            pos = m.end();
            return Double.parseDouble(m.group());
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        private String found() {
            if (pos >= s.length()) return ", found the end";
            return ", found '" + s.charAt(pos) + "'";
        }

        private ThresholdSyntaxException error(String problem) {
            return new ThresholdSyntaxException(s, pos + 1, problem);
        }
    }
}
