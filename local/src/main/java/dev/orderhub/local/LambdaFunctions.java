package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.Context;
import dev.orderhub.config.HubConfig;
import dev.orderhub.runtime.Stack;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The template's functions as objects in this JVM: each handler class is created once, as the
 * Lambda runtime does per container, from a {@link Stack} of its own built from the function's
 * configuration, and called with the event type its method declares.
 */
public final class LambdaFunctions implements AutoCloseable {
    private final SamTemplate template;
    /** A function's configuration (its environment as the template resolves it), by logical id. */
    private final java.util.function.Function<String, HubConfig> configuration;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final List<InvocationListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * The function this thread is running, for attributing what it calls (SDK call counts, local
     * IAM). Inherited: a function's own worker threads (the workflow runner runs a batch side by
     * side) call on its behalf.
     */
    private static final ThreadLocal<String> RUNNING = new InheritableThreadLocal<>();

    /** @param configuration a function's configuration by its logical id, asked when the function is first invoked */
    public LambdaFunctions(SamTemplate template, java.util.function.Function<String, HubConfig> configuration) {
        this.template = template;
        this.configuration = configuration;
    }

    private record Loaded(Object instance, Method method, Stack stack) {}

    /** Told about every invocation once it returned or threw (load runs: latency, Lambda duration). */
    public interface InvocationListener {
        void invoked(String logicalId, Object event, Object response, long durationNanos);
    }

    public void addListener(InvocationListener listener) {
        listeners.add(listener);
    }

    public void removeListener(InvocationListener listener) {
        listeners.remove(listener);
    }

    /** The logical id of the function running on this thread, or null outside any function. */
    public static String running() {
        return RUNNING.get();
    }

    /** The event class the function's handler method takes (what to deserialize an event file into). */
    public Class<?> eventType(String logicalId) {
        return load(logicalId).method().getParameterTypes()[0];
    }

    public Object invoke(String logicalId, Object event) {
        Loaded l = load(logicalId);
        long started = System.nanoTime();
        Object response = null;
        RUNNING.set(logicalId);
        try {
            // The template's timeout, so that a function watching its time left (the sync runner) sees what Lambda would give it.
            LocalContext context = new LocalContext(logicalId, template.function(logicalId).timeoutSeconds(), 512);
            response = l.method().invoke(l.instance(), event, context);
            return response;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            RUNNING.remove();
            long took = System.nanoTime() - started;
            for (InvocationListener listener : listeners) {
                listener.invoked(logicalId, event, response, took);
            }
        }
    }

    private Loaded load(String logicalId) {
        return loaded.computeIfAbsent(logicalId, id -> {
            SamTemplate.Function f = template.function(id);
            Stack stack = new Stack(configuration.apply(id));
            try {
                Class<?> type = Class.forName(f.handlerClass());
                Method method = findHandlerMethod(type, f.handlerMethod());
                return new Loaded(type.getConstructor(Stack.class).newInstance(stack), method, stack);
            } catch (ReflectiveOperationException e) {
                stack.close();
                throw new IllegalStateException("cannot load handler " + f.handler() + " of " + id + ": " + e, e);
            }
        });
    }

    /** Closes the functions' stacks (their clients); call once nothing invokes a function any more. */
    @Override
    public void close() {
        loaded.values().forEach(l -> l.stack().close());
        loaded.clear();
    }

    /** The public two-argument (event, Context) method of that name, as the Lambda runtime picks it. */
    public static Method findHandlerMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 2 && !m.isBridge()
                    && m.getParameterTypes()[1] == Context.class) {
                return m;
            }
        }
        throw new NoSuchMethodException(type.getName() + "::" + name + "(event, Context)");
    }
}
