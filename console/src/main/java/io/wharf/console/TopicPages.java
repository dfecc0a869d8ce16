package io.wharf.console;

import io.wharf.console.view.SubscriptionRow;
import io.wharf.console.view.TopicNumbers;
import io.wharf.console.view.TopicRow;
import io.wharf.console.view.TopicView;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.sns.SnsService;
import io.wharf.sns.engine.DeliveryCounters;
import io.wharf.sns.engine.Page;
import io.wharf.sns.engine.PublishCommand;
import io.wharf.sns.engine.SnsEngine;
import io.wharf.sns.engine.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topics: the list with their counters, one topic's page (subscriptions and their state, deliveries and failures
 * per protocol, attributes) and publishing a test message ({@code sns:Publish}).
 */
final class TopicPages {
    /** At most this many subscriptions are listed on a topic's page. */
    private static final int MAX_SUBSCRIPTIONS = 500;

    private final SnsService sns;
    private final SnsEngine engine;
    private final ConsoleAccess access;
    private final Sampler sampler;
    private final Html html;

    TopicPages(SnsService sns, ConsoleAccess access, Sampler sampler, Html html) {
        this.sns = sns;
        this.engine = sns.engine();
        this.access = access;
        this.sampler = sampler;
        this.html = html;
    }

    WireResponse list(Visit v) {
        try {
            return html.page(200, "topics", Html.params("chrome", v.chrome("Topics", "topics", null),
                    "rows", load(v)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "topics", Html.params("chrome", v.chrome("Topics", "topics", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse rows(Visit v) {
        try {
            return Html.html(200, html.render("topicRows", Html.params("rows", load(v))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorRow", Html.params("error", Texts.error(e), "columns", 4)));
        }
    }

    private List<TopicRow> load(Visit v) {
        access.check(v.caller(), sns, "sns:ListTopics", "*", null);
        Map<String, DeliveryCounters.TopicStats> stats = new java.util.HashMap<>();
        for (DeliveryCounters.TopicStats s : engine.topicStats()) {
            stats.put(s.topicArn(), s);
        }
        List<TopicRow> rows = new ArrayList<>();
        String token = null;
        do {
            Page<String> page = engine.listTopics(v.caller().region(), v.caller().account(), token);
            for (String arn : page.items()) {
                DeliveryCounters.TopicStats s = stats.get(arn);
                String name = Texts.lastPart(arn);
                rows.add(new TopicRow(name, arn, v.url("/topic", "name", name), s == null ? 0 : s.published(),
                        s == null ? 0 : sum(s.delivered()), s == null ? 0 : sum(s.failed())));
            }
            token = page.nextToken();
        } while (token != null && rows.size() < 10_000);
        return rows;
    }

    WireResponse page(Visit v) {
        String name = v.required("name");
        String arn = arn(v, name);
        String title = "Topic " + name;
        try {
            access.check(v.caller(), sns, "sns:GetTopicAttributes", arn, v.caller().account());
            Map<String, String> attributes = new TreeMap<>(engine.getTopicAttributes(arn));
            List<SubscriptionRow> subscriptions = new ArrayList<>();
            String error = null;
            try {
                access.check(v.caller(), sns, "sns:ListSubscriptionsByTopic", arn, v.caller().account());
                String token = null;
                do {
                    Page<Subscription> page = engine.subscriptions().listByTopic(arn, token);
                    for (Subscription s : page.items()) {
                        subscriptions.add(new SubscriptionRow(s.arn(), s.protocol(), s.endpoint(),
                                s.confirmed() ? "confirmed" : "pending confirmation",
                                "true".equalsIgnoreCase(s.attributes().get("RawMessageDelivery")),
                                s.filterPolicy() != null));
                    }
                    token = page.nextToken();
                } while (token != null && subscriptions.size() < MAX_SUBSCRIPTIONS);
            } catch (ConsoleAccess.Denied e) {
                error = Texts.error(e);
            }
            TopicView view = new TopicView(name, arn, name.endsWith(".fifo"), v.url("/topic/numbers", "name", name),
                    v.url("/topic/series", "name", name), attributes, subscriptions);
            return html.page(200, "topic", Html.params("chrome", v.chrome(title, "topics", error), "t", view,
                    "numbers", numbersOf(arn)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "topics", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "topics",
                    Texts.error(e))));
        }
    }

    WireResponse numbers(Visit v) {
        String arn = arn(v, v.required("name"));
        try {
            access.check(v.caller(), sns, "sns:GetTopicAttributes", arn, v.caller().account());
            return Html.html(200, html.render("topicNumbers", Html.params("n", numbersOf(arn))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorText", Html.params("error", Texts.error(e))));
        }
    }

    private TopicNumbers numbersOf(String arn) {
        double[] rates = sampler.ratesPerSecond(Sampling.topicKey(arn));
        for (DeliveryCounters.TopicStats s : engine.topicStats()) {
            if (s.topicArn().equals(arn)) {
                return new TopicNumbers(s.published(), new TreeMap<>(s.delivered()), new TreeMap<>(s.failed()),
                        s.retries(), s.outbox(), Texts.rate(rates, 0), Texts.rate(rates, 1));
            }
        }
        return new TopicNumbers(0, Map.of(), Map.of(), 0, 0, Texts.rate(rates, 0), Texts.rate(rates, 1));
    }

    WireResponse publish(Visit v) {
        String name = v.required("name");
        String arn = arn(v, name);
        Sessions.Flash outcome;
        try {
            access.check(v.caller(), sns, "sns:Publish", arn, v.caller().account());
            String host = v.request().header("host");
            String base = (v.caller().secure() ? "https://" : "http://") + (host == null ? "localhost" : host) + "/";
            String subject = v.param("subject");
            outcome = new Sessions.Flash("Published message " + engine.publish(new PublishCommand(arn, null, null, v.required("message"),
                    subject == null || subject.isBlank() ? null : subject, null, Map.of(), blank(v.param("groupId")),
                    blank(v.param("deduplicationId")), base)).messageId() + ".", false);
        } catch (ConsoleAccess.Denied e) {
            outcome = new Sessions.Flash(Texts.error(e), true);
        } catch (AwsException e) {
            outcome = new Sessions.Flash(Texts.error(e), true);
        }
        v.session().flash = outcome;
        return Html.redirect(v.url("/topic", "name", name));
    }

    /** The topic's counters as rates, for its chart. */
    WireResponse series(Visit v) {
        String arn = arn(v, v.required("name"));
        try {
            access.check(v.caller(), sns, "sns:GetTopicAttributes", arn, v.caller().account());
        } catch (ConsoleAccess.Denied e) {
            return Html.text(403, Texts.error(e));
        }
        return Html.json(Texts.seriesJson(sampler.points(Sampling.topicKey(arn)), 3));
    }

    private static String arn(Visit v, String name) {
        return "arn:aws:sns:" + v.caller().region() + ":" + v.caller().account() + ":" + name;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static long sum(Map<String, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
    }
}
