package dev.orderhub.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sites' workflows in memory, per site. {@link #list} can be made to answer a list remembered from
 * before a save ({@link #remember}), as a container's SiteCache does; {@link #find} always reads
 * what is stored.
 */
public final class InMemoryWorkflows implements SiteWorkflows {
    private final Map<String, Map<String, Workflow>> stored = new HashMap<>();
    private final Map<String, List<Workflow>> remembered = new HashMap<>();

    public InMemoryWorkflows put(String clientId, Workflow w) {
        stored.computeIfAbsent(clientId, c -> new java.util.LinkedHashMap<>()).put(w.id(), w);
        return this;
    }

    public void delete(String clientId, String id) {
        stored.getOrDefault(clientId, Map.of()).remove(id);
        remembered.remove(clientId);
    }

    /** From now on {@link #list} answers the site's workflows as stored now. */
    public void remember(String clientId) {
        remembered.put(clientId, List.copyOf(stored.getOrDefault(clientId, Map.of()).values()));
    }

    @Override
    public List<Workflow> list(String clientId) {
        List<Workflow> cached = remembered.get(clientId);
        return cached != null ? cached : List.copyOf(new ArrayList<>(stored.getOrDefault(clientId, Map.of()).values()));
    }

    @Override
    public Optional<Workflow> find(String clientId, String id) {
        return Optional.ofNullable(stored.getOrDefault(clientId, Map.of()).get(id));
    }
}
