package io.wharf.cloudwatch.alarms;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's table in "Configuring how CloudWatch alarms treat missing data" (DatapointsToAlarm 3, EvaluationPeriods 5;
 * {@code 0} not breaching, {@code X} breaching, {@code -} missing; {@code keep}: the current state is retained), plus
 * the plain M-out-of-N cases.
 */
class AlarmEvaluatorTest {
    private static List<Double> points(String row) {
        List<Double> out = new ArrayList<>();
        for (String p : row.trim().split("\\s+")) {
            out.add(switch (p) {
                case "0" -> 1.0;
                case "X" -> 10.0;
                default -> null;
            });
        }
        return out;
    }

    private static String state(String row, int datapointsToAlarm, String treatMissing) {
        String state = AlarmEvaluator.evaluate(points(row), datapointsToAlarm, 5, "GreaterThanThreshold",
                treatMissing).state();
        return state == null ? "keep" : state;
    }

    @ParameterizedTest(name = "{0}: missing {1}, ignore {2}, breaching {3}, notBreaching {4}")
    @CsvSource({
            "0 - X - X, OK, OK, ALARM, OK",
            "- - - - -, INSUFFICIENT_DATA, keep, ALARM, OK",
            "0 X X - X, ALARM, ALARM, ALARM, ALARM",
            "- - X - -, ALARM, keep, ALARM, OK",
    })
    void awsMissingDataTable(String row, String missing, String ignore, String breaching, String notBreaching) {
        assertThat(state(row, 3, "missing")).isEqualTo(missing);
        assertThat(state(row, 3, "ignore")).isEqualTo(ignore);
        assertThat(state(row, 3, "breaching")).isEqualTo(breaching);
        assertThat(state(row, 3, "notBreaching")).isEqualTo(notBreaching);
    }

    @ParameterizedTest(name = "{0}: missing {1}, ignore {2}, notBreaching {3}")
    @CsvSource({
            "- - - - 0, OK, OK, OK",
            "X X 0 0 0, OK, OK, OK",
            "X 0 X 0 X, ALARM, ALARM, ALARM",
            "0 0 X X -, OK, OK, OK",
    })
    void mOutOfN(String row, String missing, String ignore, String notBreaching) {
        assertThat(state(row, 3, "missing")).isEqualTo(missing);
        assertThat(state(row, 3, "ignore")).isEqualTo(ignore);
        assertThat(state(row, 3, "notBreaching")).isEqualTo(notBreaching);
    }

    @ParameterizedTest
    @CsvSource({
            "GreaterThanOrEqualToThreshold, 5, true", "GreaterThanOrEqualToThreshold, 4.9, false",
            "GreaterThanThreshold, 5, false", "LessThanThreshold, 4.9, true", "LessThanThreshold, 5, false",
            "LessThanOrEqualToThreshold, 5, true",
    })
    void comparisons(String operator, double value, boolean breaches) {
        assertThat(AlarmEvaluator.breaches(value, 5, operator)).isEqualTo(breaches);
    }
}
