package io.wharf.cloudwatch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * The common part of CloudWatch's metric math, as a pure function of the queries' time series: numbers, ids,
 * {@code + - * /} between time series and scalars (a time series with a time series keeps the timestamps both have),
 * parentheses, arrays {@code [m1, m2]}, and the functions SUM, AVG, MIN, MAX (of an array: one time series, per
 * timestamp over the series that have it; of one time series: a scalar), ABS, RATE (change per second between
 * consecutive datapoints), DIFF (change between consecutive datapoints) and FILL(m, value) (a value for every period of
 * the query's range that has none). Results that are not finite (a division by zero) are dropped, as AWS leaves such
 * datapoints out. Anything else is refused with {@link MathException}, whose text the caller turns into AWS's error.
 */
public final class MetricMath {
    /** A value in an expression: a scalar, one time series, or an array of them. */
    public sealed interface Value {
    }

    public record Scalar(double value) implements Value {
    }

    public record TimeSeries(NavigableMap<Long, Double> points) implements Value {
    }

    public record Array(List<TimeSeries> series) implements Value {
    }

    /** An expression that cannot be evaluated; the message says why. */
    public static final class MathException extends RuntimeException {
        public MathException(String message) {
            super(message);
        }
    }

    /** The range and period the expression's results live on: FILL fills {@code [start, end)} every period. */
    public record Grid(long startMillis, long endMillis, long periodMillis) {
        List<Long> timestamps() {
            List<Long> out = new ArrayList<>();
            long first = Math.floorDiv(startMillis, periodMillis) * periodMillis;
            if (first < startMillis) {
                first += periodMillis;
            }
            for (long t = first; t < endMillis && out.size() <= 100_800; t += periodMillis) {
                out.add(t);
            }
            return out;
        }
    }

    private final String text;
    private final Function<String, Value> ids;
    private final Grid grid;
    private int at;

    private MetricMath(String text, Function<String, Value> ids, Grid grid) {
        this.text = text;
        this.ids = ids;
        this.grid = grid;
    }

    /**
     * Evaluates {@code expression}; {@code ids} gives the value of each query id it names (or throws
     * {@link MathException}). A scalar result becomes a time series with that value at every period of the grid.
     */
    public static TimeSeries evaluate(String expression, Function<String, Value> ids, Grid grid) {
        MetricMath math = new MetricMath(expression, ids, grid);
        Value value = math.sum();
        math.skipSpaces();
        if (math.at < expression.length()) {
            throw new MathException("Unexpected '" + expression.charAt(math.at) + "' at position " + (math.at + 1)
                    + ".");
        }
        return switch (value) {
            case TimeSeries series -> series;
            case Scalar scalar -> {
                NavigableMap<Long, Double> points = new TreeMap<>();
                grid.timestamps().forEach(t -> points.put(t, scalar.value()));
                yield new TimeSeries(points);
            }
            case Array array -> throw new MathException("The expression must return a single time series, not an "
                    + "array of " + array.series().size() + ".");
        };
    }

    // ---------------------------------------------------------------- parsing, evaluating as it goes

    private Value sum() {
        Value left = product();
        while (true) {
            if (accept('+')) {
                left = combine(left, product(), Double::sum);
            } else if (accept('-')) {
                left = combine(left, product(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = unary();
        while (true) {
            if (accept('*')) {
                left = combine(left, unary(), (a, b) -> a * b);
            } else if (accept('/')) {
                left = combine(left, unary(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Value unary() {
        if (accept('-')) {
            return combine(new Scalar(0), unary(), (a, b) -> a - b);
        }
        return primary();
    }

    private Value primary() {
        skipSpaces();
        if (at >= text.length()) {
            throw new MathException("Unexpected end of the expression.");
        }
        char c = text.charAt(at);
        if (accept('(')) {
            Value inner = sum();
            expect(')');
            return inner;
        }
        if (accept('[')) {
            List<TimeSeries> series = new ArrayList<>();
            do {
                switch (sum()) {
                    case TimeSeries one -> series.add(one);
                    case Array many -> series.addAll(many.series());
                    case Scalar ignored -> throw new MathException("An array holds time series, not numbers.");
                }
            } while (accept(','));
            expect(']');
            return new Array(series);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.'
                    || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
            }
            try {
                return new Scalar(Double.parseDouble(text.substring(start, at)));
            } catch (NumberFormatException e) {
                throw new MathException("'" + text.substring(start, at) + "' is not a number.");
            }
        }
        if (Character.isLetter(c)) {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String name = text.substring(start, at);
            if (accept('(')) {
                List<Value> arguments = new ArrayList<>();
                if (!accept(')')) {
                    do {
                        arguments.add(sum());
                    } while (accept(','));
                    expect(')');
                }
                return function(name, arguments);
            }
            return ids.apply(name);
        }
        throw new MathException("Unexpected '" + c + "' at position " + (at + 1) + ".");
    }

    private boolean accept(char c) {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new MathException("Expected '" + c + "' at position " + (at + 1) + ".");
        }
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    // ---------------------------------------------------------------- arithmetic and functions

    private static Value combine(Value left, Value right, DoubleBinaryOperator op) {
        if (left instanceof Array array) {
            return new Array(array.series().stream().map(s -> (TimeSeries) combine(s, right, op)).toList());
        }
        if (right instanceof Array array) {
            return new Array(array.series().stream().map(s -> (TimeSeries) combine(left, s, op)).toList());
        }
        if (left instanceof Scalar a && right instanceof Scalar b) {
            return new Scalar(op.applyAsDouble(a.value(), b.value()));
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        if (left instanceof TimeSeries a && right instanceof TimeSeries b) {
            a.points().forEach((t, v) -> {
                Double w = b.points().get(t);
                if (w != null) {
                    put(out, t, op.applyAsDouble(v, w));
                }
            });
        } else if (left instanceof TimeSeries a && right instanceof Scalar b) {
            a.points().forEach((t, v) -> put(out, t, op.applyAsDouble(v, b.value())));
        } else if (left instanceof Scalar a && right instanceof TimeSeries b) {
            b.points().forEach((t, v) -> put(out, t, op.applyAsDouble(a.value(), v)));
        }
        return new TimeSeries(out);
    }

    private static void put(NavigableMap<Long, Double> out, long t, double v) {
        if (Double.isFinite(v)) {
            out.put(t, v);
        }
    }

    private Value function(String name, List<Value> arguments) {
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "SUM", "AVG", "MIN", "MAX" -> {
                arity(upper, arguments, 1);
                yield reduce(upper, arguments.getFirst());
            }
            case "ABS" -> {
                arity(upper, arguments, 1);
                yield combine(arguments.getFirst(), new Scalar(0), (a, b) -> Math.abs(a));
            }
            case "RATE", "DIFF" -> {
                arity(upper, arguments, 1);
                yield perSeries(arguments.getFirst(), upper, s -> differences(s, upper.equals("RATE")));
            }
            case "FILL" -> {
                arity(upper, arguments, 2);
                if (!(arguments.get(1) instanceof Scalar fill)) {
                    throw new MathException("FILL's second argument must be a number.");
                }
                yield perSeries(arguments.getFirst(), upper, s -> fill(s, fill.value()));
            }
            default -> throw new MathException("Unknown function " + name + ": Wharf evaluates SUM, AVG, MIN, MAX, "
                    + "ABS, RATE, DIFF and FILL.");
        };
    }

    private static void arity(String name, List<Value> arguments, int count) {
        if (arguments.size() != count) {
            throw new MathException(name + " takes " + count + " argument" + (count == 1 ? "" : "s") + ", not "
                    + arguments.size() + ".");
        }
    }

    private static Value perSeries(Value value, String name, Function<TimeSeries, TimeSeries> f) {
        return switch (value) {
            case TimeSeries s -> f.apply(s);
            case Array a -> new Array(a.series().stream().map(f).toList());
            case Scalar ignored -> throw new MathException(name + " takes a time series, not a number.");
        };
    }

    private static Value reduce(String name, Value value) {
        return switch (value) {
            case Scalar s -> s;
            case TimeSeries s -> s.points().isEmpty() ? new Scalar(Double.NaN)
                    : new Scalar(reduce(name, new ArrayList<>(s.points().values())));
            case Array a -> {
                Map<Long, List<Double>> columns = new TreeMap<>();
                for (TimeSeries s : a.series()) {
                    s.points().forEach((t, v) -> columns.computeIfAbsent(t, k -> new ArrayList<>()).add(v));
                }
                NavigableMap<Long, Double> out = new TreeMap<>();
                columns.forEach((t, values) -> put(out, t, reduce(name, values)));
                yield new TimeSeries(out);
            }
        };
    }

    private static double reduce(String name, List<Double> values) {
        return switch (name) {
            case "SUM" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "AVG" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case "MIN" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            default -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        };
    }

    private static TimeSeries differences(TimeSeries series, boolean perSecond) {
        NavigableMap<Long, Double> out = new TreeMap<>();
        Map.Entry<Long, Double> previous = null;
        for (Map.Entry<Long, Double> point : series.points().entrySet()) {
            if (previous != null) {
                double change = point.getValue() - previous.getValue();
                put(out, point.getKey(), perSecond ? change / ((point.getKey() - previous.getKey()) / 1000.0) : change);
            }
            previous = point;
        }
        return new TimeSeries(out);
    }

    private TimeSeries fill(TimeSeries series, double value) {
        NavigableMap<Long, Double> out = new TreeMap<>(series.points());
        for (long t : grid.timestamps()) {
            out.putIfAbsent(t, value);
        }
        return new TimeSeries(out);
    }
}
