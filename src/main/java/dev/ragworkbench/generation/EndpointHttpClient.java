package dev.ragworkbench.generation;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * LangChain4j's pluggable HTTP client, for one attempt: it runs on the caller's thread, polls the attempt's
 * cancellation and deadline while it waits (so cancel and timeout end a hung call within a poll), and keeps
 * what LangChain4j's own client drops: the status and headers of a failed response ({@code Retry-After}), as a
 * {@link TransportFailure} with the exact reason.
 */
final class EndpointHttpClient implements HttpClient {

    private static final long POLL_MS = 20;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final java.net.http.HttpClient http;
    private final Attempt attempt;

    EndpointHttpClient(java.net.http.HttpClient http, Attempt attempt) {
        this.http = http;
        this.attempt = attempt;
    }

    /** A builder that hands LangChain4j this client whatever timeouts it sets (the attempt keeps its own). */
    HttpClientBuilder builder() {
        var self = this;
        return new HttpClientBuilder() {
            private Duration connect;
            private Duration read;

            @Override
            public Duration connectTimeout() {
                return connect;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                connect = timeout;
                return this;
            }

            @Override
            public Duration readTimeout() {
                return read;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                read = timeout;
                return this;
            }

            @Override
            public HttpClient build() {
                return self;
            }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        String url = request.url();
        HttpResponse<String> response = await(http.sendAsync(toJdk(request), BodyHandlers.ofString()), url);
        if (response.statusCode() / 100 != 2) {
            throw HttpFailures.status(attempt, url, response.statusCode(), response.headers().map(), response.body());
        }
        attempt.responded = true;
        return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                .headers(response.headers().map()).body(response.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        String url = request.url();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = await(http.sendAsync(toJdk(request), BodyHandlers.ofPublisher()), url);
        } catch (TransportFailure f) {
            listener.onError(f);
            return;
        }
        try (var body = new PolledBody(url)) {
            response.body().subscribe(body);
            if (response.statusCode() / 100 != 2) {
                String text = body.readAtMost(MAX_ERROR_BODY);
                listener.onError(HttpFailures.status(attempt, url, response.statusCode(), response.headers().map(),
                        text));
                return;
            }
            attempt.responded = true;
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).build());
            parser.parse(body, listener);
            if (body.failure == null) {
                listener.onClose();
            }
        } catch (TransportFailure f) {
            listener.onError(f);
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        var builder = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        var body = request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        return builder.method(request.method().name(), body).build();
    }

    /** The response of {@code future}, waiting in polls; cancel and the deadline abort the exchange. */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, String url) {
        while (true) {
            TransportFailure abort = attempt.abort(url);
            if (abort != null) {
                future.cancel(true);
                throw abort;
            }
            try {
                return future.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (ExecutionException e) {
                throw HttpFailures.io(attempt, url, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw new TransportFailure(ChatFailure.Kind.CANCELLED, "cancelled", false);
            }
        }
    }

    /**
     * A response body as an input stream that never blocks for long: each read waits in polls for the next bytes,
     * checking the attempt, so a stream that stops sending ends with the attempt's timeout.
     */
    private final class PolledBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

        private static final List<ByteBuffer> END = List.of();
        private final String url;
        private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean ended;
        /** Why reading stopped early, when it did. */
        TransportFailure failure;

        PolledBody(String url) {
            this.url = url;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            chunks.add(item);
        }

        @Override
        public void onError(Throwable error) {
            chunks.add(error);
        }

        @Override
        public void onComplete() {
            chunks.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!current.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            Object item;
            try {
                item = chunks.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                item = null;
            }
            if (item == null) {
                TransportFailure abort = attempt.abort(url);
                if (abort != null) {
                    throw stop(abort);
                }
                return;
            }
            if (item instanceof Throwable error) {
                throw stop(HttpFailures.io(attempt, url, error));
            }
            var buffers = (List<ByteBuffer>) item;
            if (buffers == END) {
                ended = true;
                return;
            }
            int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
            var joined = ByteBuffer.allocate(size);
            buffers.forEach(joined::put);
            current = joined.flip();
        }

        private IOException stop(TransportFailure f) {
            failure = f;
            close();
            var e = new InterruptedIOException(f.getMessage());
            e.initCause(f);
            return e;
        }

        String readAtMost(int limit) {
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while (out.size() < limit && (n = read(buffer, 0, buffer.length)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                if (failure != null) {
                    throw failure;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            var s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
