package io.wharf.console;

import io.wharf.console.view.PeekedRow;
import io.wharf.console.view.QueueNumbers;
import io.wharf.console.view.QueueRow;
import io.wharf.console.view.QueueView;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.sqs.SqsService;
import io.wharf.sqs.engine.MoveTaskView;
import io.wharf.sqs.engine.PeekedMessage;
import io.wharf.sqs.engine.QueueId;
import io.wharf.sqs.engine.QueueStats;
import io.wharf.sqs.engine.SendCommand;
import io.wharf.sqs.engine.SqsEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queues: the list with live depths, one queue's page (numbers, chart, attributes) and its actions — peek
 * ({@code sqs:ReceiveMessage}, nothing changes), send ({@code sqs:SendMessage}), purge ({@code sqs:PurgeQueue}),
 * redrive a dead-letter queue ({@code sqs:StartMessageMoveTask}).
 */
final class QueuePages {
    private static final int PEEK_COUNT = 10;

    private final SqsService sqs;
    private final SqsEngine engine;
    private final ConsoleAccess access;
    private final Sampler sampler;
    private final Html html;

    QueuePages(SqsService sqs, ConsoleAccess access, Sampler sampler, Html html) {
        this.sqs = sqs;
        this.engine = sqs.engine();
        this.access = access;
        this.sampler = sampler;
        this.html = html;
    }

    WireResponse list(Visit v) {
        try {
            return html.page(200, "queues", Html.params("chrome", v.chrome("Queues", "queues", null),
                    "rows", rows(v.caller(), v)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "queues", Html.params("chrome", v.chrome("Queues", "queues", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse rows(Visit v) {
        try {
            return Html.html(200, html.render("queueRows", Html.params("rows", rows(v.caller(), v))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorRow", Html.params("error", Texts.error(e), "columns", 5)));
        }
    }

    private List<QueueRow> rows(Caller caller, Visit v) {
        access.check(caller, sqs, "sqs:ListQueues",
                "arn:aws:sqs:" + caller.region() + ":" + caller.account() + ":*", caller.account());
        Map<QueueId, QueueStats> stats = new java.util.HashMap<>();
        for (QueueStats s : engine.queueStats()) {
            stats.put(s.id(), s);
        }
        List<QueueRow> rows = new ArrayList<>();
        for (QueueId id : engine.listQueues(caller.account(), caller.region(), null, null, null).queues()) {
            QueueStats s = stats.getOrDefault(id, new QueueStats(id, 0, 0, 0, 0));
            rows.add(new QueueRow(id.name(), v.url("/queue", "name", id.name()), s.visible(), s.inFlight(),
                    s.delayed(), s.oldestAgeSeconds()));
        }
        rows.sort(Comparator.comparing(QueueRow::name));
        return rows;
    }

    WireResponse page(Visit v) {
        QueueId id = queue(v);
        String title = "Queue " + id.name();
        try {
            access.check(v.caller(), sqs, "sqs:GetQueueAttributes", id.arn(), id.accountId());
            Map<String, String> attributes = new TreeMap<>(engine.getQueueAttributes(id, List.of("All")));
            List<String> sources = new ArrayList<>();
            List<String> tasks = new ArrayList<>();
            if (allowed(v, "sqs:ListDeadLetterSourceQueues", id)) {
                for (QueueId source : engine.deadLetterSourceQueues(id, null, null).queues()) {
                    sources.add(source.name());
                }
            }
            if (!sources.isEmpty() && allowed(v, "sqs:ListMessageMoveTasks", id)) {
                for (MoveTaskView task : engine.listMessageMoveTasks(id.arn(), 10)) {
                    tasks.add(task.status() + " · moved " + task.approximateNumberOfMessagesMoved()
                            + (task.approximateNumberOfMessagesToMove() == null ? ""
                                    : " of " + task.approximateNumberOfMessagesToMove())
                            + " · started " + Texts.time(task.startedTimestamp())
                            + (task.failureReason() == null ? "" : " · " + task.failureReason()));
                }
            }
            QueueView view = new QueueView(id.name(), id.arn(), id.isFifo(), v.url("/queue/numbers", "name", id.name()),
                    v.url("/queue/peek", "name", id.name()), v.url("/queue/series", "name", id.name()), attributes,
                    sources, tasks);
            return html.page(200, "queue", Html.params("chrome", v.chrome(title, "queues", null), "q", view,
                    "numbers", numbersOf(id)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "queues", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "queues",
                    Texts.error(e))));
        }
    }

    WireResponse numbers(Visit v) {
        QueueId id = queue(v);
        try {
            access.check(v.caller(), sqs, "sqs:GetQueueAttributes", id.arn(), id.accountId());
            return Html.html(200, html.render("queueNumbers", Html.params("n", numbersOf(id))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorText", Html.params("error", Texts.error(e))));
        }
    }

    private QueueNumbers numbersOf(QueueId id) {
        for (QueueStats s : engine.queueStats()) {
            if (s.id().equals(id)) {
                return new QueueNumbers(s.visible(), s.inFlight(), s.delayed(), s.oldestAgeSeconds());
            }
        }
        return new QueueNumbers(0, 0, 0, 0);
    }

    /** The oldest messages, read without receiving them; allowed to whoever may receive them. */
    WireResponse peek(Visit v) {
        QueueId id = queue(v);
        String error = null;
        List<PeekedRow> rows = new ArrayList<>();
        try {
            access.check(v.caller(), sqs, "sqs:ReceiveMessage", id.arn(), id.accountId());
            for (PeekedMessage m : engine.peekMessages(id, PEEK_COUNT)) {
                rows.add(new PeekedRow(m.messageId(), m.state(), Texts.time(m.sentMillis()), m.receiveCount(),
                        m.groupId() == null ? "" : m.groupId(), m.body(), m.attributes()));
            }
        } catch (ConsoleAccess.Denied e) {
            error = Texts.error(e);
        } catch (AwsException e) {
            error = Texts.error(e);
        }
        return Html.fragment(html.render("peeked", Html.params("messages", rows,
                "error", error)));
    }

    WireResponse send(Visit v) {
        QueueId id = queue(v);
        return act(v, id, "sqs:SendMessage", () -> {
            String delay = v.param("delaySeconds");
            SendCommand command = new SendCommand(v.required("body"),
                    delay == null || delay.isBlank() ? null : parseInt(delay, "delaySeconds"), Map.of(), Map.of(),
                    blankToNull(v.param("deduplicationId")), blankToNull(v.param("groupId")),
                    senderId(v));
            return "Sent message " + engine.sendMessage(id, command).messageId() + ".";
        });
    }

    WireResponse purge(Visit v) {
        QueueId id = queue(v);
        return act(v, id, "sqs:PurgeQueue", () -> {
            engine.purgeQueue(id);
            return "Purged " + id.name() + ".";
        });
    }

    /** Moves a dead-letter queue's messages back to their source queues (StartMessageMoveTask without destination). */
    WireResponse redrive(Visit v) {
        QueueId id = queue(v);
        return act(v, id, "sqs:StartMessageMoveTask", () -> {
            String rate = v.param("maxPerSecond");
            engine.startMessageMoveTask(id.arn(), null,
                    rate == null || rate.isBlank() ? null : parseInt(rate, "maxPerSecond"));
            return "Started moving the messages of " + id.name() + " back to their source queues.";
        });
    }

    /** The queue's samples for its charts: depths, or with {@code of=rates} its sent/received/deleted counters. */
    WireResponse series(Visit v) {
        QueueId id = queue(v);
        try {
            access.check(v.caller(), sqs, "sqs:GetQueueAttributes", id.arn(), id.accountId());
        } catch (ConsoleAccess.Denied e) {
            return Html.text(403, Texts.error(e));
        }
        String key = "rates".equals(v.param("of")) ? Sampling.queueRatesKey(id.arn()) : Sampling.queueKey(id.arn());
        return Html.json(Texts.seriesJson(sampler.points(key), 3));
    }

    /** Runs an action after its access check; its outcome or error is shown once by the queue's page. */
    private WireResponse act(Visit v, QueueId id, String action, java.util.function.Supplier<String> change) {
        Sessions.Flash outcome;
        try {
            access.check(v.caller(), sqs, action, id.arn(), id.accountId());
            outcome = new Sessions.Flash(change.get(), false);
        } catch (ConsoleAccess.Denied e) {
            outcome = new Sessions.Flash(Texts.error(e), true);
        } catch (AwsException e) {
            outcome = new Sessions.Flash(Texts.error(e), true);
        }
        v.session().flash = outcome;
        return Html.redirect(v.url("/queue", "name", id.name()));
    }

    private boolean allowed(Visit v, String action, QueueId id) {
        try {
            access.check(v.caller(), sqs, action, id.arn(), id.accountId());
            return true;
        } catch (ConsoleAccess.Denied e) {
            return false;
        }
    }

    private static QueueId queue(Visit v) {
        return new QueueId(v.caller().account(), v.caller().region(), v.required("name"));
    }

    private static String senderId(Visit v) {
        String userId = v.caller().principal().userId();
        return userId == null ? SendCommand.DEFAULT_SENDER : userId;
    }

    private static Integer parseInt(String text, String name) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValue", 400, true, name + " must be a whole number.");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
