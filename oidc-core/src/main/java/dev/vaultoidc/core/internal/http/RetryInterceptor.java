package dev.vaultoidc.core.internal.http;

import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.http.RetryPolicy.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries failed attempts per {@link RetryPolicy}. It also reads each body into memory, so that a
 * body cut off or stalled mid-way is an attempt failure that can be retried, not a surprise for the
 * caller after the retry loop has finished. Vault responses are small; the cap guards against a
 * misbehaving proxy.
 */
final class RetryInterceptor implements Interceptor {

    /** The statuses retried for idempotent operations. */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
    /** The statuses retried even for non-idempotent writes: Vault rejects these before running the handler. */
    private static final Set<Integer> NOT_PROCESSED_STATUSES = Set.of(429, 503);

    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallInfo info = request.tag(CallInfo.class);
        boolean idempotent = info != null ? info.idempotent() : !"POST".equals(request.method());
        String what = info != null ? info.method() + " " + info.path() : request.method();
        Instant deadline = clock.instant().plus(policy.maxElapsed());

        for (int attempt = 1; ; attempt++) {
            Response response = null;
            IOException failure = null;
            try {
                response = buffered(chain.proceed(request));
            } catch (IOException e) {
                failure = e;
            }
            boolean attemptsLeft =
                    attempt < policy.maxAttempts() && !chain.call().isCanceled();
            Duration delay;
            if (failure != null) {
                if (!attemptsLeft || !retryable(failure, idempotent)) {
                    throw failure;
                }
                delay = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            } else {
                if (!attemptsLeft || !retryable(response.code(), idempotent)) {
                    return response;
                }
                // Vault and proxies send Retry-After with 429/503: the server knows better than our guess.
                Duration backoff =
                        policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                delay = retryAfter(response).orElse(backoff);
            }
            if (clock.instant().plus(delay).isAfter(deadline)) {
                // Waiting would overrun the total budget: report what we have now rather than late.
                log.debug("{}: not retrying, {} would exceed the retry deadline", what, delay);
                if (failure != null) {
                    throw failure;
                }
                return response;
            }
            log.debug(
                    "{}: attempt {} failed ({}), retrying in {} ms",
                    what,
                    attempt,
                    failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.code(),
                    delay.toMillis());
            if (response != null) {
                response.close();
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
                interrupted.initCause(e);
                throw interrupted;
            }
        }
    }

    static boolean retryable(int status, boolean idempotent) {
        return idempotent ? RETRYABLE_STATUSES.contains(status) : NOT_PROCESSED_STATUSES.contains(status);
    }

    static boolean retryable(IOException e, boolean idempotent) {
        if (e instanceof SSLException || e instanceof UnknownServiceException) {
            return false; // a certificate or cleartext-policy problem does not fix itself
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return true; // the request never left: safe even for writes
        }
        if (e.getCause() instanceof ConnectException) {
            return true;
        }
        return idempotent;
    }

    private Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        value = value.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException unparseable) {
                return Optional.empty();
            }
        }
    }

    private static Response buffered(Response response) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes;
        try {
            BufferedSource source = body.source();
            if (source.request(MAX_BODY_BYTES + 1)) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            bytes = source.readByteArray();
        } catch (IOException e) {
            response.close();
            throw new BodyReadException(response.code(), e);
        }
        response.close();
        return response.newBuilder()
                .body(ResponseBody.create(bytes, body.contentType()))
                .build();
    }
}
