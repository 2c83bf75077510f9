package dev.orderhub.intent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the intent matcher asks of a site's intents: read the open ones and claim one for an order.
 * The claim is the conditional write that stops two orders taking one intent: it succeeds only
 * while the intent is open and unexpired, or again for the very order (and attempt) that holds it.
 * Implemented by {@link IntentRepository}; unit tests use an in-memory one.
 */
public interface OpenIntents {
    /** The intent, or empty when unknown or open past its expiry. */
    Optional<Intent> find(String clientId, String intentId, Instant now);

    /** The live intent holding this reference, matched or open. */
    Optional<Intent> findByReference(String clientId, String reference, Instant now);

    /** Open, unexpired intents of the site created in [from, to], oldest first. */
    List<Intent> openCreatedBetween(String clientId, Instant from, Instant to, Instant now);

    /** Open intents created before {@code before} (not at it) back to {@code from}, newest first, at most {@code max} read. */
    IntentRepository.Slice openCreatedBefore(String clientId, Instant from, Instant before, Instant now, int max);

    /** Open intents created after {@code after} (not at it) up to {@code to}, oldest first, at most {@code max} read. */
    IntentRepository.Slice openCreatedAfter(String clientId, Instant after, Instant to, Instant now, int max);

    /**
     * The open, unexpired intents created in [{@code from}, {@code to}] (oldest first, all of
     * them), and, which only an order left without a candidate needs (to explain why), the
     * closest ones on each side: before {@code from} back to {@code spanFrom} (newest first), and
     * when {@code now} is past {@code to} (a late payment) after {@code to} up to {@code now}
     * (oldest first), at most {@code sideMax} read on each side. A store may read all of it in one
     * request (the DynamoDB store does); by default the window is read now and each side only
     * when asked for.
     */
    default Window openInWindow(String clientId, Instant from, Instant to, Instant spanFrom, Instant now, int sideMax) {
        return new Window(openCreatedBetween(clientId, from, to, now),
                () -> openCreatedBefore(clientId, spanFrom, from, now, sideMax),
                () -> now.isAfter(to) ? openCreatedAfter(clientId, to, now, now, sideMax)
                        : new IntentRepository.Slice(List.of(), true));
    }

    /** A window's open intents and, each read at most once and only when asked for, the closest ones on each side of it. */
    final class Window {
        private final List<Intent> inWindow;
        private final Side before;
        private final Side after;

        public Window(List<Intent> inWindow, Supplier<IntentRepository.Slice> before, Supplier<IntentRepository.Slice> after) {
            this.inWindow = List.copyOf(inWindow);
            this.before = new Side(before);
            this.after = new Side(after);
        }

        /** No intent in the window nor around it (an order that e-mail matching cannot consider). */
        public static Window none() {
            IntentRepository.Slice nothing = new IntentRepository.Slice(List.of(), true);
            return new Window(List.of(), () -> nothing, () -> nothing);
        }

        /** The window's open intents, oldest first. */
        public List<Intent> inWindow() {
            return inWindow;
        }

        /** The open intents closest before the window, newest first, and whether none in the span was left unread. */
        public IntentRepository.Slice before() {
            return before.get();
        }

        /** The open intents closest after the window (none unless it ended before now), oldest first. */
        public IntentRepository.Slice after() {
            return after.get();
        }

        private static final class Side {
            private Supplier<IntentRepository.Slice> read;
            private IntentRepository.Slice slice;

            Side(Supplier<IntentRepository.Slice> read) {
                this.read = read;
            }

            IntentRepository.Slice get() {
                if (slice == null) {
                    slice = read.get();
                    read = null;
                }
                return slice;
            }
        }
    }

    /** Links the intent to the order if still open (see {@link IntentRepository#claim}); false when another order has it. */
    boolean claim(String clientId, String intentId, String orderId, String reason, Instant now, long orderVersion,
            long expiresAt);
}
