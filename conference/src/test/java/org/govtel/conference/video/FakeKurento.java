package org.govtel.conference.video;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for a Kurento Media Server, which cannot run on this machine: a WebSocket server on
 * loopback that speaks the Kurento Protocol (JSON-RPC 2.0: {@code create}, {@code invoke},
 * {@code subscribe}, {@code release}, {@code ping}, and {@code onEvent} notifications back), keeps
 * the objects it was asked to create, and records every request so tests can check what our
 * adapter asked of the media server through the real Kurento Java client. It moves no media.
 */
public final class FakeKurento implements AutoCloseable {

    /** One request as the client sent it. */
    public record Call(String method, JsonObject params) {
        public String object() {
            return params.has("object") ? params.get("object").getAsString() : null;
        }

        public String operation() {
            return params.has("operation") ? params.get("operation").getAsString() : null;
        }

        public JsonObject operationParams() {
            return params.has("operationParams") ? params.getAsJsonObject("operationParams") : new JsonObject();
        }
    }

    public static final String CANDIDATE = "a=candidate:1 1 UDP 2015363327 127.0.0.1 47000 typ host";
    private static final String SESSION = "fake-kms-session";

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> offers = new ConcurrentHashMap<>();
    private final List<java.net.DatagramSocket> rtpSockets = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong rtpPacketsIn = new java.util.concurrent.atomic.AtomicLong();
    private volatile Channel client;

    public FakeKurento() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketServerProtocolHandler("/kurento", null, false, 1 << 20),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        client = ctx.channel();
                                        JsonObject answer = answer(JsonParser.parseString(frame.text()).getAsJsonObject());
                                        if (answer != null) {
                                            ctx.writeAndFlush(new TextWebSocketFrame(answer.toString()));
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public String uri() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/kurento";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Ids of the objects created of {@code type}, in creation order. */
    public List<String> created(String type) {
        List<String> ids = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals("create") && c.params().get("type").getAsString().equals(type)) {
                ids.add(createdId(c));
            }
        }
        return ids;
    }

    public List<Call> invoked(String object, String operation) {
        return matching(c -> c.method().equals("invoke") && object.equals(c.object())
                && operation.equals(c.operation()));
    }

    public List<Call> matching(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    /** Whether {@code source} was last connected to {@code sink} for {@code mediaType} (connect after any disconnect). */
    public boolean connected(String source, String sink, String mediaType) {
        boolean connected = false;
        for (Call c : calls) {
            if (c.method().equals("invoke") && source.equals(c.object())
                    && (c.operation().equals("connect") || c.operation().equals("disconnect"))
                    && sink.equals(c.operationParams().get("sink").getAsString())
                    && mediaType.equals(c.operationParams().get("mediaType").getAsString())) {
                connected = c.operation().equals("connect");
            }
        }
        return connected;
    }

    public boolean released(String object) {
        return !matching(c -> c.method().equals("release") && object.equals(c.object())).isEmpty();
    }

    /** Sends an event of {@code type} from {@code object}, with the event's own fields in {@code data}. */
    public void emit(String object, String type, JsonObject data) {
        JsonObject value = new JsonObject();
        JsonObject full = data.deepCopy();
        full.addProperty("source", object);
        full.add("tags", new JsonArray());
        full.addProperty("timestamp", String.valueOf(System.currentTimeMillis() / 1000));
        full.addProperty("timestampMillis", String.valueOf(System.currentTimeMillis()));
        full.addProperty("type", type);
        value.add("data", full);
        value.addProperty("object", object);
        value.addProperty("type", type);
        JsonObject params = new JsonObject();
        params.add("value", value);
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.addProperty("method", "onEvent");
        message.add("params", params);
        client.writeAndFlush(new TextWebSocketFrame(message.toString()));
    }

    public void emitMediaState(String object, String oldState, String newState) {
        JsonObject data = new JsonObject();
        data.addProperty("oldState", oldState);
        data.addProperty("newState", newState);
        emit(object, "MediaStateChanged", data);
    }

    private JsonObject answer(JsonObject request) {
        if (!request.has("method")) {
            return null; // a response to something we sent: nothing asked of us
        }
        String method = request.get("method").getAsString();
        JsonObject params = request.has("params") ? request.getAsJsonObject("params") : new JsonObject();
        Call call = new Call(method, params);
        JsonObject result = new JsonObject();
        result.addProperty("sessionId", SESSION);
        switch (method) {
            case "ping" -> result.addProperty("value", "pong");
            case "connect", "release", "unsubscribe", "closeSession" -> { }
            case "create" -> {
                String type = params.get("type").getAsString();
                JsonObject constructor = params.has("constructorParams") ? params.getAsJsonObject("constructorParams")
                        : new JsonObject();
                String parent = constructor.has("mediaPipeline") ? constructor.get("mediaPipeline").getAsString()
                        : constructor.has("hub") ? constructor.get("hub").getAsString().split("/")[0] : null;
                String id = (parent == null ? "" : parent + "/") + UUID.randomUUID() + "_kurento." + type;
                result.addProperty("value", id);
            }
            case "subscribe" -> result.addProperty("value", UUID.randomUUID().toString());
            case "invoke" -> invoke(call, result);
            default -> {
                return error(request, "method not known to the fake KMS: " + method);
            }
        }
        calls.add(call);
        if (method.equals("create")) {
            call.params().addProperty("createdId", result.get("value").getAsString());
        }
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", request.get("id"));
        response.add("result", result);
        return response;
    }

    private void invoke(Call call, JsonObject result) {
        String object = call.object();
        switch (call.operation()) {
            case "processOffer" -> {
                String offer = call.operationParams().get("offer").getAsString();
                String answer = offer.contains("RTP/AVP ") ? rtpAnswerFor(offer) : answerFor(offer);
                offers.put(object, answer);
                result.addProperty("value", answer);
            }
            case "getLocalSessionDescriptor" -> result.addProperty("value",
                    offers.getOrDefault(object, "") + CANDIDATE + "\r\n");
            case "gatherCandidates" -> group.schedule(() -> emit(object, "IceGatheringDone", new JsonObject()),
                    5, java.util.concurrent.TimeUnit.MILLISECONDS);
            default -> { }
        }
    }

    /**
     * The answer of an RtpEndpoint to a plain RTP offer: its first audio codec, on a loopback UDP
     * socket of ours that counts what arrives (the "node's" RTP port).
     */
    private String rtpAnswerFor(String offer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("m=audio \\d+ RTP/AVP (\\d+)").matcher(offer);
        if (!m.find()) {
            return "";
        }
        String pt = m.group(1);
        java.util.regex.Matcher map = java.util.regex.Pattern.compile("a=rtpmap:" + pt + " (\\S+)").matcher(offer);
        String rtpmap = map.find() ? map.group(1) : "PCMU/8000";
        try {
            java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
            rtpSockets.add(socket);
            Thread counter = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new java.net.DatagramPacket(buffer, buffer.length));
                        rtpPacketsIn.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "fake-kms-rtp");
            counter.setDaemon(true);
            counter.start();
            return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Kurento Media Server\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + socket.getLocalPort() + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " " + rtpmap
                    + "\r\na=sendrecv\r\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RTP packets that arrived at the RtpEndpoints' ports. */
    public long rtpPacketsIn() {
        return rtpPacketsIn.get();
    }

    /** A plausible answer: the offer's m-lines accepted, our own ICE and DTLS lines. */
    private static String answerFor(String offer) {
        StringBuilder answer = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Kurento Media Server\r\nt=0 0\r\n");
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("m=") || line.startsWith("a=mid:") || line.startsWith("a=rtpmap:")) {
                answer.append(line).append("\r\n");
            }
        }
        return answer.append("a=ice-ufrag:fake\r\na=setup:active\r\n").toString();
    }

    private static JsonObject error(JsonObject request, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", 40101);
        error.addProperty("message", message);
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", request.get("id"));
        response.add("error", error);
        return response;
    }

    private static String createdId(Call c) {
        JsonElement id = c.params().get("createdId");
        return id == null ? null : id.getAsString();
    }

    @Override
    public void close() {
        rtpSockets.forEach(java.net.DatagramSocket::close);
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
