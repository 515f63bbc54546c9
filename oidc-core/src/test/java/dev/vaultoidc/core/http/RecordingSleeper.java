package dev.vaultoidc.core.http;

import dev.vaultoidc.core.http.RetryPolicy.Sleeper;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records requested delays and advances the test clock instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
    private final EmulatorClock clock;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public RecordingSleeper(EmulatorClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }
}
