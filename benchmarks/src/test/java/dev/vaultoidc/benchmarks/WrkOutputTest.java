package dev.vaultoidc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The end-to-end figures are only as good as the reading of wrk's report (wrk 4.1, {@code --latency}). */
class WrkOutputTest {
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:40001/hello
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.21ms    2.10ms  41.50ms   95.12%
                Req/Sec    14.02k     1.10k   15.90k    81.00%
              Latency Distribution
                 50%  845.00us
                 75%    1.02ms
                 90%    1.40ms
                 99%   12.31ms
              139512 requests in 10.00s, 21.29MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  13951.05
            Transfer/sec:      2.13MB
            """;

    @Test
    void readsThroughputPercentilesInMicrosecondsAndEveryFailedAnswer() {
        WrkEndToEnd.Run r = WrkEndToEnd.parse(REPORT);
        assertThat(r.rps()).isEqualTo(13951.05);
        assertThat(r.p50Micros()).isEqualTo(845.0);
        assertThat(r.p99Micros()).isEqualTo(12310.0);
        assertThat(r.non2xx()).isEqualTo(7); // 4 non-2xx answers, 2 read errors, 1 timeout
    }

    @Test
    void aReportWithoutThroughputIsAnError() {
        assertThatThrownBy(() -> WrkEndToEnd.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no Requests/sec");
    }
}
