package io.wharf.it.iam;

import io.wharf.testkit.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM and STS on the raw Query wire: the exact XML shapes of answers and errors, routing by Version. */
class IamWireIT extends IamTestBase {
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    private RawHttp.Response iamCall(String action, String... parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2010-05-08");
        for (int i = 0; i < parameters.length; i += 2) {
            form.put(parameters[i], parameters[i + 1]);
        }
        return WHARF.raw().postForm("/", form, Map.of());
    }

    @Test
    void successIsWrappedAsAws() {
        String name = unique("wire");
        RawHttp.Response created = iamCall("CreateUser", "UserName", name, "Tags.member.1.Key", "k",
                "Tags.member.1.Value", "v");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.bodyText())
                .startsWith("<CreateUserResponse xmlns=\"" + IAM_NS + "\"><CreateUserResult><User><Path>/</Path>"
                        + "<UserName>" + name + "</UserName><UserId>AIDA")
                .contains("<Arn>arn:aws:iam::000000000000:user/" + name + "</Arn><CreateDate>")
                .contains("<Tags><member><Key>k</Key><Value>v</Value></member></Tags></User></CreateUserResult>"
                        + "<ResponseMetadata><RequestId>")
                .endsWith("</RequestId></ResponseMetadata></CreateUserResponse>")
                .containsPattern("<CreateDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</CreateDate>");
        RawHttp.Response deleted = iamCall("DeleteUser", "UserName", name);
        assertThat(deleted.bodyText()).matches("<DeleteUserResponse xmlns=\"" + java.util.regex.Pattern.quote(IAM_NS)
                + "\"><ResponseMetadata><RequestId>[^<]+</RequestId></ResponseMetadata></DeleteUserResponse>");
    }

    @Test
    void errorsAreAwsShapedWithoutDetail() {
        RawHttp.Response missing = iamCall("GetUser", "UserName", "nobody-here");
        assertThat(missing.status()).isEqualTo(404);
        String requestId = missing.header("x-amzn-RequestId").orElseThrow();
        assertThat(missing.bodyText()).isEqualTo("<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type>"
                + "<Code>NoSuchEntity</Code><Message>The user with name nobody-here cannot be found.</Message></Error>"
                + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");
        RawHttp.Response invalid = iamCall("CreateUser");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.bodyText()).contains("<Code>ValidationError</Code><Message>1 validation error detected: "
                + "Value at 'userName' failed to satisfy constraint: Member must not be null</Message>");
    }

    @Test
    void stsIsRoutedByItsVersion() {
        RawHttp.Response me = WHARF.raw().postForm("/", Map.of("Action", "GetCallerIdentity",
                "Version", "2011-06-15"), Map.of());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.bodyText()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
                + "2011-06-15/\"><GetCallerIdentityResult><UserId>000000000000</UserId><Account>000000000000</Account>"
                + "<Arn>arn:aws:iam::000000000000:root</Arn></GetCallerIdentityResult>");
        RawHttp.Response denied = WHARF.raw().postForm("/", Map.of("Action", "AssumeRole",
                "Version", "2011-06-15", "RoleArn", "arn:aws:iam::000000000000:role/nobody",
                "RoleSessionName", "s1"), Map.of());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.bodyText()).isEqualTo("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::000000000000:root is "
                + "not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/nobody"
                + "</Message></Error><RequestId>" + denied.header("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ErrorResponse>");
    }
}
