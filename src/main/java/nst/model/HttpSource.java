package nst.model;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import nst.core.CancelledException;

/**
 * Opens the body of one model URL with an HTTP(S) GET: redirects followed, the proxy from the
 * system properties (which ImageJ sets), the connect and header timeouts of {@link DownloadLimits}.
 * Refuses an answer other than 200, and a Content-Length above the size expected for the model.
 * Every failure is an {@link IOException} whose message names the host (or proxy) and the reason,
 * for example "connection refused by 127.0.0.1:9" or "unknown host mirror.invalid".
 */
final class HttpSource {
    private final DownloadLimits limits;

    HttpSource(DownloadLimits limits) {
        this.limits = limits;
    }

    /** An open response body: {@code length} is the announced Content-Length, -1 when none. */
    record Body(InputStream stream, long length, String host) implements Closeable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * Sends the request and checks the answer's status and announced length against
     * {@code maxBytes}. {@link IllegalArgumentException} for a malformed URL.
     */
    Body open(String url, ModelSpec spec, long maxBytes) throws IOException {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(limits.connect()).proxy(ProxySelector.getDefault()).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(limits.stall())
                .header("User-Agent", "Neural_Style_Transfer (ImageJ plugin)").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("The download of " + spec.id() + " was interrupted; nothing was installed.");
        } catch (IOException e) {
            throw new IOException(reason(e, uri), e);
        }
        String host = resp.uri().getHost();
        InputStream body = resp.body();
        if (resp.statusCode() != 200) {
            body.close();
            throw new IOException("HTTP " + resp.statusCode() + " from " + host);
        }
        long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > maxBytes) {
            body.close();
            throw new IOException(host + " announces " + length + " bytes, more than the " + maxBytes + " expected for "
                    + spec.id() + "; that URL serves another file");
        }
        return new Body(body, length, host);
    }

    /** Why a request failed, naming the host or proxy it failed on. */
    private String reason(IOException e, URI uri) {
        String target = hostPort(uri);
        Optional<InetSocketAddress> proxy = proxyFor(uri);
        String peer = proxy.map(p -> "proxy " + p.getHostString() + ":" + p.getPort() + " (for " + uri.getHost() + ")").orElse(target);
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + peer + " within " + DownloadLimits.seconds(limits.connect());
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + peer + " within " + DownloadLimits.seconds(limits.stall());
        }
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            return "unknown host " + proxy.map(p -> p.getHostString() + " (the proxy for " + uri.getHost() + ")").orElse(uri.getHost());
        }
        if (has(e, SSLException.class)) {
            return "secure connection to " + peer + " failed: " + message(e);
        }
        if (e instanceof ConnectException) {
            String m = message(e);
            return m == null || m.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused by " + peer
                    : "cannot connect to " + peer + ": " + m;
        }
        String m = message(e);
        return peer + ": " + (m == null ? e.getClass().getSimpleName() : m);
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static Optional<InetSocketAddress> proxyFor(URI uri) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Optional.empty();
        }
        try {
            return selector.select(uri).stream().filter(p -> p.type() == Proxy.Type.HTTP)
                    .map(Proxy::address).filter(InetSocketAddress.class::isInstance).map(InetSocketAddress.class::cast).findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first message in the cause chain, or null when none has one. */
    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }
}
