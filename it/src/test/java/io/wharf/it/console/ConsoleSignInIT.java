package io.wharf.it.console;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Cookie;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a server that enforces policies (the "enforce" execution runs this suite): a browser signs in with
 * an access key pair and sees and does only what that identity's policies allow — the same evaluation, action names
 * and ARNs as the wire API, AWS's AccessDenied text in the page.
 */
class ConsoleSignInIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String console(String path) {
        return WHARF.endpoint() + "/_wharf/console" + path;
    }

    private static void signIn(String accessKeyId, String secret) {
        browser.driver.manage().deleteAllCookies();
        browser.get(console("/queues"));
        browser.waitFor("the sign-in form", d -> d.getCurrentUrl().endsWith("/_wharf/console/sign-in"));
        browser.find("#accessKeyId").sendKeys(accessKeyId);
        browser.find("#secretAccessKey").sendKeys(secret);
        browser.find("#sign-in").click();
    }

    @Test
    void aWrongSecretIsRefusedAndTheRootSeesItsQueuesUntilItSignsOut() {
        SqsClient sqs = WHARF.sqs();
        sqs.createQueue(r -> r.queueName("console-signed"));

        signIn(Clients.ACCESS_KEY_ID, "not-the-secret");
        browser.waitForTextContaining("#error", "not right");
        browser.screenshot("sign-in-refused");

        signIn(Clients.ACCESS_KEY_ID, Clients.SECRET);
        browser.waitForTextContaining("#queues", "console-signed");
        assertThat(browser.text("#signed-in-as")).endsWith(":root");
        Cookie session = browser.driver.manage().getCookieNamed("wharf_console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        browser.find("#sign-out").click();
        browser.waitFor("the sign-in page", d -> d.getCurrentUrl().endsWith("/_wharf/console/sign-in"));
        browser.get(console("/queues"));
        browser.waitFor("the sign-in page again", d -> d.getCurrentUrl().endsWith("/_wharf/console/sign-in"));
    }

    @Test
    void aUserSeesAwsAccessDeniedForWhatItsPoliciesDoNotAllow() {
        SqsClient sqs = WHARF.sqs();
        String url = sqs.createQueue(r -> r.queueName("console-guarded")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("secret body"));
        try (IamClient iam = Clients.iam(WHARF.endpoint())) {
            iam.createUser(r -> r.userName("console-nobody"));
            AccessKey nobody = iam.createAccessKey(r -> r.userName("console-nobody")).accessKey();
            iam.createUser(r -> r.userName("console-viewer"));
            iam.putUserPolicy(r -> r.userName("console-viewer").policyName("look").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Action":["sqs:ListQueues","sqs:GetQueueAttributes"],"Resource":"*"}]}"""));
            AccessKey viewer = iam.createAccessKey(r -> r.userName("console-viewer")).accessKey();

            signIn(nobody.accessKeyId(), nobody.secretAccessKey());
            browser.waitForTextContaining("#error", "AccessDenied");
            assertThat(browser.text("#error")).contains("user/console-nobody is not authorized to perform: "
                    + "sqs:listqueues").contains("because no identity-based policy allows");
            browser.screenshot("access-denied");

            signIn(viewer.accessKeyId(), viewer.secretAccessKey());
            browser.waitForTextContaining("#queues", "console-guarded");
            browser.get(console("/queue?name=console-guarded"));
            browser.waitForText("#visible", "1");
            browser.find("#peek").click();
            browser.waitForTextContaining("#peek-error", "AccessDenied");
            assertThat(browser.text("#peek-error")).contains("sqs:receivemessage")
                    .contains("console-guarded").doesNotContain("secret body");
            browser.find("#send-body").sendKeys("not allowed");
            browser.find("#send").click();
            browser.waitForTextContaining("#flash", "AccessDenied");
            assertThat(browser.text("#flash")).contains("sqs:sendmessage");
            browser.screenshot("access-denied-peek");
        }
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "1");
    }
}
