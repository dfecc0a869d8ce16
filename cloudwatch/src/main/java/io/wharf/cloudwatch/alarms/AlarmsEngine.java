package io.wharf.cloudwatch.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.cloudwatch.CloudWatchErrors;
import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.CloudWatchLimits;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.cloudwatch.engine.MetricId;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CloudWatch's metric alarms: settings, tags, state and history, written to the store before answering and read back
 * on start; evaluated on the metric data by {@link #evaluateDue()} (per alarm at each boundary of
 * {@code min(Period, 60 s)}, driven by a one-second tick once {@link #start()}ed, or by tests directly) with {@link AlarmEvaluator}'s rule over the last
 * EvaluationPeriods complete periods. A state change is recorded in the history and, with ActionsEnabled, each SNS
 * topic action of the new state gets AWS's notification through {@link AlarmActions}, after the change is durable.
 *
 * <pre>
 * cloudwatch.alarms         key = account \0 region \0 alarm name (UTF-8)   value = the {@link Alarm} as JSON
 * cloudwatch.alarm-history  key = alarm key \0 timestamp (16 hex digits) sequence (8 hex digits)
 *                           value = the {@link HistoryItem} as JSON
 * </pre>
 * JSON because these are small, rarely written records whose fields will grow; history keys sort by time within an
 * alarm. One lock guards memory; SNS is called outside it.
 */
public final class AlarmsEngine implements AutoCloseable {
    public static final KeySpace ALARMS = new KeySpace("cloudwatch.alarms");
    public static final KeySpace HISTORY = new KeySpace("cloudwatch.alarm-history");
    private static final Logger log = LoggerFactory.getLogger(AlarmsEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One AlarmHistoryItem. */
    public record HistoryItem(String alarmName, long timestampMillis, String type, String summary, String data) {
    }

    private final Store store;
    private final Clock clock;
    private final MetricsEngine metrics;
    private final AlarmActions actions;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<String, Alarm> alarms = new TreeMap<>();
    private final Map<String, Deque<HistoryItem>> history = new HashMap<>();
    private final Map<String, Long> nextEvaluation = new HashMap<>();
    private int sequence;
    private ScheduledExecutorService ticker;

    public AlarmsEngine(Store store, Clock clock, MetricsEngine metrics, AlarmActions actions) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.actions = actions;
        store.keySpace(ALARMS.name());
        store.keySpace(HISTORY.name());
        recover();
    }

    /** Starts evaluating on a daemon thread, once a second for the alarms that are due. */
    public synchronized void start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cloudwatch-alarms");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    evaluateDue();
                } catch (RuntimeException e) {
                    log.warn("alarm evaluation failed: {}", e.toString());
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    static String key(String account, String region, String name) {
        return account + "\u0000" + region + "\u0000" + name;
    }

    // ---------------------------------------------------------------- settings

    /** PutMetricAlarm: creates the alarm (INSUFFICIENT_DATA) or replaces its settings, keeping its state. */
    public void put(String account, String region, AlarmConfig config, Map<String, String> tags) {
        long now = clock.millis();
        String key = key(account, region, config.name());
        WriteBatch batch = new WriteBatch();
        lock.lock();
        try {
            Alarm before = alarms.get(key);
            if (before == null && alarms.size() >= CloudWatchLimits.MAX_ALARMS) {
                throw CloudWatchErrors.LIMIT_EXCEEDED_FAULT.error("Wharf keeps at most " + CloudWatchLimits.MAX_ALARMS
                        + " alarms.");
            }
            Alarm after;
            if (before == null) {
                after = new Alarm(account, region, config, tags, "INSUFFICIENT_DATA", AlarmTexts.INITIAL_REASON, null,
                        now, now, now);
            } else {
                Map<String, String> merged = new LinkedHashMap<>(before.tags());
                merged.putAll(tags);
                after = before.withConfig(config, now).withTags(merged);
            }
            String[] text = AlarmTexts.configurationUpdate(before, after);
            write(batch, key, after);
            record(batch, key, new HistoryItem(config.name(), now, "ConfigurationUpdate", text[0], text[1]));
            nextEvaluation.put(key, now);
            store.commit(batch);
        } finally {
            lock.unlock();
        }
    }

    /** DescribeAlarms' filters; null or empty means "any". */
    public record Filter(List<String> names, String namePrefix, String state, String actionPrefix) {
    }

    public List<Alarm> describe(String account, String region, Filter filter) {
        String prefix = key(account, region, "");
        lock.lock();
        try {
            List<Alarm> out = new ArrayList<>();
            for (Alarm alarm : alarms.tailMap(prefix, true).values()) {
                if (!key(alarm.account(), alarm.region(), "").equals(prefix)) {
                    break;
                }
                AlarmConfig c = alarm.config();
                if ((filter.names() == null || filter.names().isEmpty() || filter.names().contains(c.name()))
                        && (filter.namePrefix() == null || c.name().startsWith(filter.namePrefix()))
                        && (filter.state() == null || filter.state().equals(alarm.stateValue()))
                        && (filter.actionPrefix() == null || actions(c).stream()
                        .anyMatch(a -> a.startsWith(filter.actionPrefix())))) {
                    out.add(alarm);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private static List<String> actions(AlarmConfig c) {
        List<String> all = new ArrayList<>(c.alarmActions());
        all.addAll(c.okActions());
        all.addAll(c.insufficientDataActions());
        return all;
    }

    /** DescribeAlarmsForMetric: the alarms on this metric (exactly these dimensions), narrowed by the optional rest. */
    public List<Alarm> forMetric(String account, String region, String namespace, String metricName,
                                 List<Dimension> dimensions, String statistic, String extendedStatistic,
                                 Integer period, String unit) {
        MetricId wanted = new MetricId(account, region, namespace, metricName, dimensions);
        return describe(account, region, new Filter(null, null, null, null)).stream().filter(a -> {
            AlarmConfig c = a.config();
            return new MetricId(account, region, c.namespace(), c.metricName(), c.dimensions()).equals(wanted)
                    && (statistic == null || statistic.equals(c.statistic()))
                    && (extendedStatistic == null || extendedStatistic.equals(c.extendedStatistic()))
                    && (period == null || period == c.periodSeconds())
                    && (unit == null || unit.equals(c.unit()));
        }).toList();
    }

    /** DeleteAlarms: every named alarm, or none when one does not exist (AWS's ResourceNotFound). */
    public void delete(String account, String region, List<String> names) {
        WriteBatch batch = new WriteBatch();
        lock.lock();
        try {
            List<String> missing = names.stream().filter(n -> !alarms.containsKey(key(account, region, n))).toList();
            if (!missing.isEmpty()) {
                throw CloudWatchErrors.RESOURCE_NOT_FOUND.error("The following alarms were not found: "
                        + String.join(", ", missing));
            }
            for (String name : names) {
                String key = key(account, region, name);
                alarms.remove(key);
                nextEvaluation.remove(key);
                batch.delete(ALARMS, key.getBytes(StandardCharsets.UTF_8));
                Deque<HistoryItem> items = history.remove(key);
                if (items != null) {
                    items.forEach(item -> batch.delete(HISTORY, historyKey(key, item)));
                    items.forEach(sequences::remove);
                }
            }
            store.commit(batch);
        } finally {
            lock.unlock();
        }
    }

    /** EnableAlarmActions / DisableAlarmActions: names that are not alarms are passed over, as AWS does. */
    public void actionsEnabled(String account, String region, List<String> names, boolean enabled) {
        long now = clock.millis();
        WriteBatch batch = new WriteBatch();
        lock.lock();
        try {
            for (String name : names) {
                String key = key(account, region, name);
                Alarm before = alarms.get(key);
                if (before != null && before.config().actionsEnabled() != enabled) {
                    AlarmConfig c = before.config();
                    Alarm after = before.withConfig(new AlarmConfig(c.name(), c.description(), enabled, c.okActions(),
                            c.alarmActions(), c.insufficientDataActions(), c.namespace(), c.metricName(),
                            c.dimensions(), c.statistic(), c.extendedStatistic(), c.periodSeconds(), c.unit(),
                            c.evaluationPeriods(), c.datapointsToAlarm(), c.threshold(), c.comparisonOperator(),
                            c.treatMissingData()), now);
                    String[] text = AlarmTexts.configurationUpdate(before, after);
                    write(batch, key, after);
                    record(batch, key, new HistoryItem(name, now, "ConfigurationUpdate", text[0], text[1]));
                }
            }
            store.commit(batch);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- tags

    private String keyOf(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("cloudwatch") || !parts[5].equals("alarm")) {
            throw CloudWatchErrors.invalidValue("ResourceARN", arn);
        }
        String key = key(parts[4], parts[3], parts[6]);
        if (!alarms.containsKey(key)) {
            throw CloudWatchErrors.RESOURCE_NOT_FOUND_EXCEPTION.error("Alarm " + parts[6] + " does not exist.");
        }
        return key;
    }

    public Map<String, String> tags(String arn) {
        lock.lock();
        try {
            return alarms.get(keyOf(arn)).tags();
        } finally {
            lock.unlock();
        }
    }

    /** TagResource ({@code add}) or UntagResource ({@code remove}). */
    public void retag(String arn, Map<String, String> add, Collection<String> remove) {
        WriteBatch batch = new WriteBatch();
        lock.lock();
        try {
            String key = keyOf(arn);
            Alarm alarm = alarms.get(key);
            Map<String, String> tags = new LinkedHashMap<>(alarm.tags());
            tags.putAll(add);
            remove.forEach(tags::remove);
            write(batch, key, alarm.withTags(tags));
            store.commit(batch);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- state

    /** SetAlarmState: the state until the next evaluation says otherwise; actions run as for any change. */
    public void setState(String account, String region, String name, String state, String reason, String reasonData) {
        if (reasonData != null) {
            try {
                JSON.readTree(reasonData);
            } catch (IOException e) {
                throw CloudWatchErrors.INVALID_FORMAT.error("Unable to parse JSON in StateReasonData.");
            }
        }
        Transition transition;
        lock.lock();
        try {
            String key = key(account, region, name);
            Alarm before = alarms.get(key);
            if (before == null) {
                throw CloudWatchErrors.RESOURCE_NOT_FOUND.error("Alarm " + name + " not found");
            }
            transition = change(key, before, state, reason, reasonData, clock.millis());
        } finally {
            lock.unlock();
        }
        act(transition);
    }

    public List<HistoryItem> history(String account, String region, String name, String type, Long startMillis,
                                     Long endMillis) {
        lock.lock();
        try {
            List<HistoryItem> out = new ArrayList<>();
            String prefix = key(account, region, "");
            history.forEach((key, items) -> {
                if (key.startsWith(prefix) && (name == null || key.equals(key(account, region, name)))) {
                    for (HistoryItem item : (Iterable<HistoryItem>) items::descendingIterator) {
                        if ((type == null || type.equals(item.type()))
                                && (startMillis == null || item.timestampMillis() >= startMillis)
                                && (endMillis == null || item.timestampMillis() <= endMillis)) {
                            out.add(item);
                        }
                    }
                }
            });
            out.sort((a, b) -> Long.compare(b.timestampMillis(), a.timestampMillis())); // stable: newest first
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- evaluation

    private record Transition(String key, Alarm before, Alarm after) {
    }

    /** Evaluates every alarm whose time has come. */
    public void evaluateDue() {
        long now = clock.millis();
        List<Transition> transitions = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<String, Alarm> entry : List.copyOf(alarms.entrySet())) {
                Long due = nextEvaluation.get(entry.getKey());
                if (due != null && due > now) {
                    continue;
                }
                Alarm alarm = entry.getValue();
                // next: right after the next boundary of min(Period, 60 s), when a period has just completed
                long interval = Math.min(alarm.config().periodSeconds(), 60) * 1000L;
                nextEvaluation.put(entry.getKey(), (Math.floorDiv(now, interval) + 1) * interval);
                Transition t = evaluate(entry.getKey(), alarm, now);
                if (t != null) {
                    transitions.add(t);
                }
            }
        } finally {
            lock.unlock();
        }
        transitions.forEach(this::act);
    }

    private Transition evaluate(String key, Alarm alarm, long now) {
        AlarmConfig c = alarm.config();
        long period = c.periodSeconds() * 1000L;
        long end = Math.floorDiv(now, period) * period;
        long start = end - c.evaluationPeriods() * period;
        NavigableMap<Long, Aggregate> data = metrics.periods(new MetricId(alarm.account(), alarm.region(),
                c.namespace(), c.metricName(), c.dimensions()), start, end, c.periodSeconds(), c.unit());
        List<AlarmTexts.Point> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (long t = start; t < end; t += period) {
            Aggregate a = data.get(t);
            Double value = a == null ? null : a.statistic(c.stat());
            points.add(new AlarmTexts.Point(t, value, a == null ? 0 : a.sampleCount()));
            values.add(value);
        }
        AlarmEvaluator.Outcome outcome = AlarmEvaluator.evaluate(values, c.datapointsToAlarm(), c.threshold(),
                c.comparisonOperator(), c.treatMissingData());
        if (outcome.state() == null || outcome.state().equals(alarm.stateValue())) {
            return null;
        }
        return change(key, alarm, outcome.state(), AlarmTexts.reason(c, points, outcome, alarm.stateValue()),
                AlarmTexts.reasonData(c, points, now), now);
    }

    /** Under the lock: the new state written with its history item. */
    private Transition change(String key, Alarm before, String state, String reason, String reasonData, long now) {
        Alarm after = before.withState(state, reason, reasonData, now);
        WriteBatch batch = new WriteBatch();
        write(batch, key, after);
        String[] text = AlarmTexts.stateUpdate(before, after);
        record(batch, key, new HistoryItem(after.config().name(), now, "StateUpdate", text[0], text[1]));
        store.commit(batch);
        return new Transition(key, before, after);
    }

    /** Outside the lock: the new state's SNS actions, each recorded in the history. */
    private void act(Transition t) {
        AlarmConfig c = t.after().config();
        if (!c.actionsEnabled() || t.before().stateValue().equals(t.after().stateValue())) {
            return;
        }
        for (String arn : c.actionsFor(t.after().stateValue())) {
            if (!arn.startsWith("arn:aws:sns:")) {
                continue; // EC2, Auto Scaling, SSM actions: nothing here to act on
            }
            String message = AlarmTexts.notification(t.before(), t.after());
            String summary;
            String state;
            try {
                actions.notify(t.after().arn(), arn, AlarmTexts.subject(t.after()), message);
                summary = "Successfully executed action " + arn;
                state = "Succeeded";
            } catch (RuntimeException e) {
                log.warn("alarm {}: action {} failed: {}", c.name(), arn, e.getMessage());
                summary = "Failed to execute action " + arn;
                state = "Failed";
            }
            com.fasterxml.jackson.databind.node.ObjectNode data = JSON.createObjectNode()
                    .put("actionState", state).put("stateUpdateTimestamp", t.after().stateUpdatedMillis())
                    .put("notificationResource", arn);
            long now = clock.millis();
            lock.lock();
            try {
                if (alarms.containsKey(t.key())) {
                    WriteBatch batch = new WriteBatch();
                    record(batch, t.key(), new HistoryItem(c.name(), now, "Action", summary, data.toString()));
                    store.commit(batch);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- store

    private void write(WriteBatch batch, String key, Alarm alarm) {
        alarms.put(key, alarm);
        try {
            batch.put(ALARMS, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(alarm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(WriteBatch batch, String key, HistoryItem item) {
        Deque<HistoryItem> items = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        items.addLast(item);
        try {
            batch.put(HISTORY, historyKey(key, item), JSON.writeValueAsBytes(item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long oldest = item.timestampMillis() - CloudWatchLimits.HISTORY_RETENTION.toMillis();
        while (items.size() > CloudWatchLimits.MAX_HISTORY_PER_ALARM
                || items.peekFirst().timestampMillis() < oldest) {
            HistoryItem old = items.removeFirst();
            batch.delete(HISTORY, historyKey(key, old));
            sequences.remove(old);
        }
    }

    private final Map<HistoryItem, Integer> sequences = new java.util.IdentityHashMap<>();

    private byte[] historyKey(String key, HistoryItem item) {
        int seq = sequences.computeIfAbsent(item, i -> sequence++);
        return (key + "\u0000" + String.format("%016x%08x", item.timestampMillis(), seq))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void recover() {
        long now = clock.millis();
        store.scan(ALARMS, new byte[0], (key, value) -> {
            try {
                String k = new String(key, StandardCharsets.UTF_8);
                alarms.put(k, JSON.readValue(value, Alarm.class));
                nextEvaluation.put(k, now);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable alarm " + new String(key, StandardCharsets.UTF_8), e);
            }
        });
        store.scan(HISTORY, new byte[0], (key, value) -> {
            String k = new String(key, StandardCharsets.UTF_8);
            String alarmKey = k.substring(0, k.lastIndexOf('\u0000'));
            int seq = Integer.parseUnsignedInt(k.substring(k.length() - 8), 16);
            try {
                HistoryItem item = JSON.readValue(value, HistoryItem.class);
                history.computeIfAbsent(alarmKey, a -> new ArrayDeque<>()).addLast(item);
                sequences.put(item, seq);
                sequence = Math.max(sequence, seq + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable alarm history item " + k, e);
            }
        });
    }
}
