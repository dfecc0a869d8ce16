package io.wharf.iam.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled pieces on their own: wildcards, CIDR ranges, dates. */
class MatchersTest {

    @ParameterizedTest(name = "{0} ~ {1} (arn={2}) = {3}")
    @CsvSource({
            "*, anything, false, true",
            "*, '', false, true",
            "abc, abc, false, true",
            "abc, abd, false, false",
            "abc, abcd, false, false",
            "ab*, abcd, false, true",
            "ab*, a, false, false",
            "a*c, abbbc, false, true",
            "a*c, abbbd, false, false",
            "a?c, abc, false, true",
            "a?c, ac, false, false",
            "*b*d, aabxxd, false, true",
            "*a, bbba, false, true",
            "**, x, false, true",
            "a*b*c, a:b:c, false, true",
            "arn:aws:sqs:*:1:q, arn:aws:sqs:us-east-1:1:q, true, true",
            "arn:aws:sqs:*:1:q, arn:aws:sqs:us:east:1:q, true, false",
            "arn:aws:sqs:*, arn:aws:sqs:us-east-1:1:q, true, true",
            "arn:aws:sqs:*:q, arn:aws:sqs:us-east-1:1:q, true, false",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/x:y/z, true, true",
            "arn:aws:logs:*:*:log-group:*, arn:aws:logs:r:1:log-group:g:log-stream:s, true, true",
            "arn:aws:sqs:u?-east-1:1:q, arn:aws:sqs:us-east-1:1:q, true, true",
            "arn:aws:sqs:u?:1:q, arn:aws:sqs:u::1:q, true, false",
            "arn:*:sqs:*:*:*, arn:aws:sqs:r:1:q, true, true",
            "*, arn:aws:sqs:r:1:q, true, true",
            "arn:aws:sqs:*:1:q, arn:aws:sqs, true, false",
            "arn:aws:sqs:*:*:*, arn:aws:sqs:r:1, true, false",
            "arn:aws:sqs:*:*:*, arn:aws:sqs:r:1:q:extra, true, true",
            "arn:aws:sqs:r*:1:q?, arn:aws:sqs:r:1:q1, true, true",
            "arn:aws:sqs:*t*:1:q, arn:aws:sqs:us-east-1:1:q, true, true",
            "arn:aws:sqs:*x*:1:q, arn:aws:sqs:us-east-1:1:q, true, false",
            "abc, abc, true, true",
            "a*, a:b:c, true, true"
    })
    void wildcards(String pattern, String text, boolean arn, boolean expected) {
        assertThat(Glob.of(pattern, arn).matches(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1} = {2}")
    @CsvSource({
            "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.114.0, false",
            "203.0.113.7, 203.0.113.7, true",
            "10.0.0.0/8, 10.255.1.2, true",
            "0.0.0.0/0, 8.8.8.8, true",
            "192.168.1.128/25, 192.168.1.127, false",
            "192.168.1.128/25, 192.168.1.200, true",
            "2001:DB8:1234:5678::/64, 2001:db8:1234:5678:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1, ::1, true",
            "::/0, fe80::1, true",
            "::ffff:192.0.2.0/120, ::ffff:192.0.2.33, true",
            "2001:db8::/32, 192.0.2.1, false",
            "192.0.2.0/24, 2001:db8::1, false",
            "192.0.2.0/24, not-an-ip, false",
            "192.0.2.0/24, 192.0.2.256, false"
    })
    void ipRanges(String range, String address, boolean expected) {
        IpRange parsed = IpRange.parse(range);
        assertThat(parsed).isNotNull();
        assertThat(parsed.contains(address)).isEqualTo(expected);
    }

    @Test
    void malformedRangesAreRefused() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "1.2.3.4/33", "1.2.3.4/", "::1/129", "1::2::3",
                "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1.2.3.4/ab", "localhost"}) {
            assertThat(IpRange.parse(bad)).as(bad).isNull();
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "2024-06-01T12:00:00Z, 2024-06-01T12:00:00Z",
            "2024-06-01t12:00:00z, 2024-06-01T12:00:00Z",
            "2024-06-01T14:00:00+02:00, 2024-06-01T12:00:00Z",
            "2024-06-01T07:00:00-05:00, 2024-06-01T12:00:00Z",
            "2024-06-01T12:00:00.123Z, 2024-06-01T12:00:00.123Z",
            "2024-06-01T12:00Z, 2024-06-01T12:00:00Z",
            "2024-06-01T12:00:00, 2024-06-01T12:00:00Z",
            "2024-06-01, 2024-06-01T00:00:00Z",
            "2024-06, 2024-06-01T00:00:00Z",
            "1717243200, 2024-06-01T12:00:00Z",
            "0, 1970-01-01T00:00:00Z"
    })
    void dates(String text, String expected) {
        assertThat(PolicyDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void malformedDatesAreRefused() {
        for (String bad : new String[] {"", "sdfdsf", "234-13", "2016-12-13t2:00:00.593194+1", "2024-02-30",
                "2024-06-01T25:00:00Z", "2024-06-01T12:60:00Z", "2024-06-01T12:00:00+24:00",
                "9223372036854775808", "2024-06-01T12:00:00.1234567890Z", "2024-06-01T"}) {
            assertThat(PolicyDates.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void templatesResolveVariablesLiterally() {
        EvaluationContext context = new EvaluationContext(Policies.ALICE, java.util.Map.of(), Instant.EPOCH);
        assertThat(Template.parse("home/${aws:username}/${aws:PrincipalTag/team}", true, 0).text(context))
                .isEqualTo("home/alice/blue");
        assertThat(Template.parse("${aws:PrincipalTag/missing, 'none'}", true, 0).text(context)).isEqualTo("none");
        assertThat(Template.parse("${aws:PrincipalTag/missing}", true, 0).text(context)).isNull();
        assertThat(Template.parse("${*}${?}${$}", true, 0).text(context)).isEqualTo("*?$");
        assertThat(Template.parse("${aws:username}", false, 0).text(context)).isEqualTo("${aws:username}");
        assertThat(Template.parse("unclosed ${aws:username", true, 0).text(context))
                .isEqualTo("unclosed ${aws:username");
        assertThat(Template.parse("a:b:c:d:${aws:username}:${aws:username}", true, 5).text(context))
                .isEqualTo("a:b:c:d:${aws:username}:alice");
    }
}
