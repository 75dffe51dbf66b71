package io.loadtcp.engine.metrics.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.Tags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The threshold syntax k6 users write, and the column-precise errors they get for what does not parse. */
class ThresholdExpressionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "count>10        | COUNT | NaN  | GREATER          | 10",
            "rate<0.01       | RATE  | NaN  | LESS             | 0.01",
            "value>=3        | VALUE | NaN  | GREATER_OR_EQUAL | 3",
            "avg<=200        | AVG   | NaN  | LESS_OR_EQUAL    | 200",
            "min==0          | MIN   | NaN  | EQUAL            | 0",
            "max===1.5       | MAX   | NaN  | STRICT_EQUAL     | 1.5",
            "med!=4          | MED   | NaN  | NOT_EQUAL        | 4",
            "p(95)<200       | PERCENTILE | 95   | LESS      | 200",
            "p(99.9) < 2.5   | PERCENTILE | 99.9 | LESS      | 2.5",
            "'  p( 90 )  <  1e3 ' | PERCENTILE | 90 | LESS   | 1000",
            "count > -1      | COUNT | NaN  | GREATER          | -1",
            "rate>.5         | RATE  | NaN  | GREATER          | 0.5",
    })
    void parsesEveryAggregationAndOperator(String src, Aggregation.Kind kind, double p, Operator op, double value) {
        ThresholdExpression e = ThresholdExpression.parse(src);
        assertEquals(kind, e.aggregation().kind());
        if (!Double.isNaN(p)) assertEquals(p, e.aggregation().percentile());
        assertEquals(op, e.operator());
        assertEquals(value, e.value());
        assertEquals(src, e.source());
    }

    @Test
    void labelsPercentilesAsWritten() {
        assertEquals("p(95)", ThresholdExpression.parse("p(95)<1").aggregation().label());
        assertEquals("p(99.9)", ThresholdExpression.parse("p(99.9)<1").aggregation().label());
        assertEquals("med", ThresholdExpression.parse("med<1").aggregation().label());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "avg<10   | 9.99 | true",  "avg<10   | 10 | false",
            "avg<=10  | 10   | true",  "avg<=10  | 10.01 | false",
            "avg>10   | 10.01 | true", "avg>10   | 10 | false",
            "avg>=10  | 10   | true",  "avg>=10  | 9.99 | false",
            "avg==10  | 10   | true",  "avg==10  | 9 | false",
            "avg===10 | 10   | true",  "avg===10 | 11 | false",
            "avg!=10  | 9    | true",  "avg!=10  | 10 | false",
    })
    void operatorsCompareObservedWithTheLimit(String src, double observed, boolean passes) {
        assertEquals(passes, ThresholdExpression.parse(src).test(observed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p(95<200     | 5  | expected ')'",
            "p95<200      | 1  | unknown aggregation 'p95'",
            "p(101)<1     | 3  | percentile 101 is not between 0 and 100",
            "p()<1        | 3  | expected a percentile",
            "avg 200      | 5  | expected an operator",
            "avg=<200     | 4  | expected an operator",
            "avg<         | 5  | expected a number after '<'",
            "avg<abc      | 5  | expected a number after '<'",
            "avg<200ms    | 8  | unexpected 'm' after the number",
            "mean<200     | 1  | unknown aggregation 'mean'",
            "<200         | 1  | expected an aggregation",
            "''           | 1  | empty threshold",
    })
    void errorsNameTheColumn(String src, int column, String problem) {
        ThresholdSyntaxException e = assertThrows(ThresholdSyntaxException.class, () -> ThresholdExpression.parse(src));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().startsWith(problem), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + src + "\""), e.getMessage());
    }

    @Test
    void selectorsWithTagFiltersSpacesAndQuotes() {
        MetricSelector plain = MetricSelector.parse("tcp_sockets");
        assertEquals("tcp_sockets", plain.metricName());
        assertEquals(Tags.EMPTY, plain.filter());

        MetricSelector one = MetricSelector.parse("tcp_sockets{step:a}");
        assertEquals(Tags.of("step", "a"), one.filter());

        MetricSelector spaced = MetricSelector.parse(" checks { check : login ok , scenario:default } ");
        assertEquals("checks", spaced.metricName());
        assertEquals(Tags.of("check", "login ok", "scenario", "default"), spaced.filter());

        MetricSelector quoted = MetricSelector.parse("checks{check:\"a, b: {c}\", 'my tag':'x'}");
        assertEquals(Tags.of("check", "a, b: {c}", "my tag", "x"), quoted.filter());

        MetricSelector colonInValue = MetricSelector.parse("tcp_reads{host:10.0.0.1:7007}");
        assertEquals(Tags.of("host", "10.0.0.1:7007"), colonInValue.filter());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp_sockets{step}          | 17 | expected ':' after tag key 'step'",
            "tcp_sockets{step:a         | 19 | expected ',' or '}'",
            "tcp_sockets{:a}            | 13 | expected a tag key",
            "tcp_sockets{step:}         | 18 | expected a tag value",
            "tcp_sockets{a:1,a:2}       | 17 | tag 'a' is given twice",
            "tcp_sockets{a:1} x         | 18 | unexpected 'x'",
            "tcp_sockets{a:\"x}         | 15 | unclosed \" quote",
            "9lives                     | 1  | invalid metric name '9lives'",
            "tcp sockets                | 1  | invalid metric name 'tcp sockets'",
    })
    void selectorErrorsNameTheColumn(String src, int column, String problem) {
        ThresholdSyntaxException e = assertThrows(ThresholdSyntaxException.class, () -> MetricSelector.parse(src));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().startsWith(problem), e.getMessage());
    }

    @Test
    void parserReportsEveryProblemAtOnce() {
        Map<String, List<ThresholdParser.Definition>> entries = new LinkedHashMap<>();
        entries.put("iteration_duration", List.of(ThresholdParser.Definition.of("p(95)<200"),
                ThresholdParser.Definition.of("p(95<200")));
        entries.put("checks{check}", List.of(ThresholdParser.Definition.of("rate>0.9")));
        entries.put("tcp_errors", List.of(ThresholdParser.Definition.of("count<<1"),
                new ThresholdParser.Definition("count<1", true, Duration.ofSeconds(10))));
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdParser.parse(entries));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("\"p(95<200\" on iteration_duration column 5"), e.getMessage());
        assertTrue(e.problems().get(1).contains("\"checks{check}\" column 13"), e.getMessage());
        assertTrue(e.problems().get(2).contains("\"count<<1\" on tcp_errors column 7"), e.getMessage());

        entries.remove("checks{check}");
        entries.put("tcp_errors", List.of(new ThresholdParser.Definition("count<1", true, Duration.ofSeconds(10))));
        entries.put("iteration_duration", List.of(ThresholdParser.Definition.of("p(95)<200")));
        List<MetricThresholds> ok = ThresholdParser.parse(entries);
        assertEquals(2, ok.size());
        Threshold abort = ok.get(1).thresholds().get(0);
        assertTrue(abort.abortOnFail());
        assertFalse(abort.abortsAt(Duration.ofSeconds(10)), "not before delayAbortEval");
        assertTrue(abort.abortsAt(Duration.ofSeconds(11)));
    }
}
