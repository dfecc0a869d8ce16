package io.wharf.console;

import io.wharf.console.view.Chrome;
import io.wharf.console.view.PeekedRow;
import io.wharf.console.view.QueueRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a user controls (names, message bodies, attributes, links, errors) reaches the page escaped. */
class EscapingTest {
    private static final String ATTACK = "<script>alert(1)</script>\"'&";
    private final Html html = new Html();

    @Test
    void messageBodiesAndAttributesAreEscaped() {
        String page = html.render("peeked", Html.params("messages", List.of(new PeekedRow("id", "VISIBLE",
                "2026-01-01T00:00:00Z", 0, "", ATTACK, Map.of(ATTACK, ATTACK))), "error", null));

        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void namesInTextAndInAttributesAreEscaped() {
        String rows = html.render("queueRows", Html.params("rows", List.of(new QueueRow(ATTACK,
                "/_wharf/console/queue?name=\"><script>x</script>", 1, 2, 3, 4))));

        assertThat(rows).doesNotContain("<script>").doesNotContain("\"><");
        assertThat(rows).contains("data-queue=\"&lt;script>alert(1)&lt;/script>&#34;&#39;&amp;\"")
                .contains(">&lt;script&gt;alert(1)&lt;/script&gt;\"'&amp;</a>");
    }

    @Test
    void errorsAndNoticesInTheLayoutAreEscaped() {
        Chrome chrome = new Chrome("Queues", "queues", "account=1&region=us-east-1", "000000000000", "us-east-1",
                ATTACK, true, "token", ATTACK, true, ATTACK);
        String page = html.render("queues", Html.params("chrome", chrome, "rows", List.of()));

        assertThat(page).doesNotContain("<script>alert");
        assertThat(page).contains("class=\"flash error\" id=\"flash\">&lt;script&gt;").contains("id=\"error\">&lt;script&gt;");
        assertThat(page).contains("href=\"/_wharf/console/queues?account=1&amp;region=us-east-1\"");
    }
}
