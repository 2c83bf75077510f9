package dev.orderhub.intent;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's intents in memory with the table's claim condition: an intent is taken only while open
 * and unexpired, or again by the order (and an attempt no older than the last) holding it.
 * {@link #beforeClaim} runs just before each claim, outside the lock: another order getting there first.
 */
public final class InMemoryIntents implements OpenIntents {
    private final Map<String, Intent> intents = new HashMap<>();
    private final Map<String, Long> claimVersions = new HashMap<>();
    public volatile Runnable beforeClaim = () -> { };

    public synchronized void add(Intent intent) {
        intents.put(key(intent.clientId(), intent.intentId()), intent);
    }

    /** The intent as stored, whatever its state. */
    public synchronized Intent stored(String clientId, String intentId) {
        return intents.get(key(clientId, intentId));
    }

    @Override
    public synchronized Optional<Intent> find(String clientId, String intentId, Instant now) {
        Intent i = intents.get(key(clientId, intentId));
        if (i == null || i.state() == Intent.State.OPEN && !i.openAt(now)) {
            return Optional.empty();
        }
        return Optional.of(i);
    }

    @Override
    public synchronized Optional<Intent> findByReference(String clientId, String reference, Instant now) {
        return intents.values().stream().filter(i -> i.clientId().equals(clientId) && i.reference().equals(reference))
                .findFirst().flatMap(i -> find(clientId, i.intentId(), now));
    }

    @Override
    public List<Intent> openCreatedBetween(String clientId, Instant from, Instant to, Instant now) {
        return open(clientId, t -> !t.isBefore(from) && !t.isAfter(to), Integer.MAX_VALUE, false).filter(now).intents();
    }

    @Override
    public IntentRepository.Slice openCreatedBefore(String clientId, Instant from, Instant before, Instant now, int max) {
        return open(clientId, t -> !t.isBefore(from) && t.isBefore(before), max, true).filter(now);
    }

    @Override
    public IntentRepository.Slice openCreatedAfter(String clientId, Instant after, Instant to, Instant now, int max) {
        return open(clientId, t -> t.isAfter(after) && !t.isAfter(to), max, false).filter(now);
    }

    /** Open intents of the site created when {@code created} holds, as the index has them (expired ones too), at most {@code max}. */
    private synchronized Read open(String clientId, java.util.function.Predicate<Instant> created, int max, boolean newestFirst) {
        Comparator<Intent> order = Comparator.comparing(Intent::createdAt).thenComparing(Intent::intentId);
        List<Intent> in = intents.values().stream()
                .filter(i -> i.clientId().equals(clientId) && i.state() == Intent.State.OPEN)
                .filter(i -> created.test(Instant.parse(i.createdAt())))
                .sorted(newestFirst ? order.reversed() : order).toList();
        return new Read(in.stream().limit(max).toList(), in.size() <= max);
    }

    private record Read(List<Intent> intents, boolean complete) {
        IntentRepository.Slice filter(Instant now) {
            return new IntentRepository.Slice(intents.stream().filter(i -> i.openAt(now)).toList(), complete);
        }
    }

    @Override
    public boolean claim(String clientId, String intentId, String orderId, String reason, Instant now, long orderVersion,
            long expiresAt) {
        beforeClaim.run();
        synchronized (this) {
            String k = key(clientId, intentId);
            Intent i = intents.get(k);
            if (i == null) {
                return false;
            }
            boolean open = i.openAt(now);
            boolean again = orderId.equals(i.orderId())
                    && (!claimVersions.containsKey(k) || claimVersions.get(k) <= orderVersion);
            if (!open && !again) {
                return false;
            }
            intents.put(k, new Intent(i.clientId(), i.intentId(), i.reference(), i.buyerName(), i.buyerEmail(), i.amount(),
                    i.provider(), i.item(), i.note(), i.createdAt(), i.expiresAt(), Intent.State.MATCHED, orderId,
                    Intent.timestamp(now), reason, i.test()));
            claimVersions.put(k, orderVersion);
            return true;
        }
    }

    private static String key(String clientId, String intentId) {
        return clientId + "#" + intentId;
    }
}
