package io.wharf.kms.engine;

/** The key policies KMS writes when the caller gives none: AWS's default policy and its AWS managed key policy. */
public final class KeyPolicies {
    private KeyPolicies() {
    }

    /**
     * AWS's default key policy: the account (its root) may do everything with the key, which delegates to the IAM
     * policies of the account's users and roles.
     */
    public static String defaultPolicy(String account) {
        return """
                {
                  "Version" : "2012-10-17",
                  "Id" : "key-default-1",
                  "Statement" : [ {
                    "Sid" : "Enable IAM User Permissions",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "arn:aws:iam::%s:root"
                    },
                    "Action" : "kms:*",
                    "Resource" : "*"
                  } ]
                }""".formatted(account);
    }

    /**
     * The policy of an AWS managed key ({@code alias/aws/<service>}): principals of the account may use it through
     * the service only; the account may read its metadata.
     */
    static String managedPolicy(String account, String region, String service, String serviceName) {
        return """
                {
                  "Version" : "2012-10-17",
                  "Id" : "auto-%3$s-1",
                  "Statement" : [ {
                    "Sid" : "Allow access through %4$s for all principals in the account that are authorized to use %4$s",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "*"
                    },
                    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
                    "Resource" : "*",
                    "Condition" : {
                      "StringEquals" : {
                        "kms:CallerAccount" : "%1$s",
                        "kms:ViaService" : "%3$s.%2$s.amazonaws.com"
                      }
                    }
                  }, {
                    "Sid" : "Allow direct access to key metadata to the account",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "arn:aws:iam::%1$s:root"
                    },
                    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
                    "Resource" : "*"
                  } ]
                }""".formatted(account, region, service, serviceName);
    }
}
