package io.wharf.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Form bodies and cookie headers as browsers send them, and what a broken one becomes. */
class FormsTest {

    @Test
    void decodesFieldsAndKeepsTheFirstOfARepeatedName() {
        assertThat(Forms.parse("csrf=a%2Bb&body=hello+world%21&body=second&empty=&flag"))
                .containsEntry("csrf", "a+b").containsEntry("body", "hello world!").containsEntry("empty", "")
                .containsEntry("flag", "").hasSize(4);
        assertThat(Forms.parse("")).isEmpty();
        assertThat(Forms.parse("bad=%zz")).containsEntry("bad", "");
    }

    @Test
    void findsACookieAmongOthers() {
        assertThat(Forms.cookie("a=1; wharf_console=abc; b=2", "wharf_console")).isEqualTo("abc");
        assertThat(Forms.cookie("xwharf_console=abc", "wharf_console")).isNull();
        assertThat(Forms.cookie(null, "wharf_console")).isNull();
    }
}
