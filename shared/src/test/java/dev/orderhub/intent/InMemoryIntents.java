package dev.orderhub.intent;

import java.time.Instant;
import java.util.ArrayList;
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
        return openCreatedBetween(clientId, from, to, now, Integer.MAX_VALUE).intents();
    }

    @Override
    public synchronized IntentRepository.Slice openCreatedBetween(String clientId, Instant from, Instant to, Instant now,
            int max) {
        List<Intent> in = new ArrayList<>(intents.values().stream()
                .filter(i -> i.clientId().equals(clientId) && i.state() == Intent.State.OPEN)
                .filter(i -> !Instant.parse(i.createdAt()).isBefore(from) && !Instant.parse(i.createdAt()).isAfter(to))
                .sorted(Comparator.comparing(Intent::createdAt).thenComparing(Intent::intentId)).toList());
        boolean complete = in.size() <= max;
        return new IntentRepository.Slice(in.stream().limit(max).filter(i -> i.openAt(now)).toList(), complete);
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
