package io.wharf.bench.floor;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Routes by {@code X-Amz-Target} ({@code AmazonSQS.*}, {@code Kinesis_20131202.*}); anything else gets a JSON error.
 * SQS's Query protocol is not spoken: the SDK for Java v2 sends SQS JSON 1.0, and no scenario sends Query.
 */
final class FloorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String SQS = "AmazonSQS.";
    private static final String KINESIS = "Kinesis_20131202.";

    private final SqsFloor sqs;
    private final KinesisFloor kinesis;

    FloorHandler(SqsFloor sqs, KinesisFloor kinesis) {
        this.sqs = sqs;
        this.kinesis = kinesis;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String target = request.headers().get("X-Amz-Target", "");
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0");
        Exchange exchange = new Exchange(ctx, HttpUtil.isKeepAlive(request), contentType);
        byte[] body = ByteBufUtil.getBytes(request.content());
        try {
            if (target.startsWith(SQS)) {
                sqs.handle(target.substring(SQS.length()), body, exchange);
            } else if (target.startsWith(KINESIS)) {
                kinesis.handle(target.substring(KINESIS.length()), body, exchange);
            } else {
                exchange.error(400, "UnknownOperationException", "the floor answers SQS JSON and Kinesis calls only",
                        null);
            }
        } catch (java.io.IOException | RuntimeException e) {
            exchange.error(400, "SerializationException", "could not read the request: " + e.getMessage(), null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
