/**
 * The Smithy RPC v2 CBOR protocol ({@code smithy.protocols#rpcv2Cbor}): {@code POST
 * /service/<service>/operation/<operation>} with {@code smithy-protocol: rpc-v2-cbor} and a CBOR body. Only the
 * routing lives here; the bodies are the JSON family's trees ({@link io.wharf.protocol.json.JsonFormat#RPC_V2_CBOR}),
 * decoded, validated and encoded by the same code as JSON and CBOR 1.1.
 */
package io.wharf.protocol.rpcv2;
