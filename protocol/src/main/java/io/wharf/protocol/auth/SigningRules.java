package io.wharf.protocol.auth;

import io.wharf.protocol.model.ServiceModel;

/**
 * Where AWS services differ in how they check a SigV4 signature. Three sets exist: {@link #QUERY} (SQS in both its
 * protocols, SNS, IAM, STS), {@link #JSON} (Kinesis and the other Coral JSON/CBOR services) and {@link #S3}.
 *
 * @param normalizePath       remove {@code .}/{@code ..} and empty path segments before encoding the path, as every SDK
 *                            does for every service but S3 (SDK v2 {@code V4CanonicalRequest.getCanonicalUri},
 *                            botocore {@code SigV4Auth._normalize_url_path})
 * @param doubleEncodePath    encode the already-encoded path once more ({@code %} becomes {@code %25}); every service
 *                            but S3
 * @param honourExpires       a presigned URL lives {@code X-Amz-Expires} seconds (1..604800), as in S3. Other services
 *                            ignore {@code X-Amz-Expires} and hold a presigned request to the same 15 minutes around
 *                            {@code X-Amz-Date} as a signed header: STS (aws/aws-sdk-go#2167,
 *                            kubernetes-sigs/aws-iam-authenticator#258) and SQS (aws/aws-sdk-ruby#2498) were seen doing
 *                            so, and EKS tokens (STS URLs with {@code X-Amz-Expires=60}, used for 14 minutes) rely on it
 * @param streamingPayloads   {@code x-amz-content-sha256: STREAMING-…} (aws-chunked payloads, chunk-signed or with an
 *                            unsigned trailer) is accepted; S3 only. The verifier hands the chunk-signing chain on
 *                            ({@link ChunkSigning}); the REST-XML decoder checks each chunk
 * @param algorithmFirst      an unknown algorithm is reported before missing parameters (the ordering
 *                            dacut/scratchstack-aws-signature recorded as "AWS Auth Error Ordering", rules 6a/7a); Coral
 *                            JSON services list the missing parameters first (mhart/kinesalite {@code test/connection.js}:
 *                            {@code Authorization: X} answers "Authorization header requires 'Credential' parameter. …",
 *                            {@code X-Amz-Algorithm=a} without {@code X-Amz-SignedHeaders} answers "must include
 *                            'X-Amz-SignedHeaders'"); with it, a header part without {@code =} is an error ("'…' not a valid
 *                            key=value pair (missing equal-sign) in Authorization header: '…'", rule 6b), without it
 *                            the part is ignored, as kinesalite does
 * @param contentSha256Header S3's rules for {@code x-amz-content-sha256}: a header-signed request must send it
 *                            (InvalidRequest otherwise), a presigned one signs {@code UNSIGNED-PAYLOAD} without it, and
 *                            a hex hash that is not the body's is its own failure (XAmzContentSHA256Mismatch), not a
 *                            signature mismatch
 */
public record SigningRules(boolean normalizePath, boolean doubleEncodePath, boolean honourExpires,
                           boolean streamingPayloads, boolean algorithmFirst, boolean contentSha256Header) {

    /** SQS (Query and JSON), SNS, IAM, STS. */
    public static final SigningRules QUERY = new SigningRules(true, true, false, false, true, false);

    /** Kinesis and other Coral JSON 1.0/1.1 and CBOR services. */
    public static final SigningRules JSON = new SigningRules(true, true, false, false, false, false);

    /**
     * S3: single encoding, no path normalisation, {@code X-Amz-Expires} honoured, streaming (aws-chunked) payloads,
     * {@code x-amz-content-sha256} required on header-signed requests.
     */
    public static final SigningRules S3 = new SigningRules(false, false, true, true, true, true);

    /** The rules of the service {@code model} describes. */
    public static SigningRules of(ServiceModel model) {
        if ("s3".equals(model.signingName())) {
            return S3;
        }
        String protocol = model.protocol();
        return "query".equals(protocol) || "ec2".equals(protocol) || model.awsQueryCompatible() ? QUERY : JSON;
    }
}
