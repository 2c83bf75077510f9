package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The template's functions as objects in this JVM: each handler class is created once, as the
 * Lambda runtime does per container, and called with the event type its method declares.
 */
public final class LambdaFunctions {
    private final SamTemplate template;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final List<InvocationListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * The function this thread is running, for attributing what it calls (SDK call counts, local
     * IAM). Inherited: a function's own worker threads (the workflow runner runs a batch side by
     * side) call on its behalf.
     */
    private static final ThreadLocal<String> RUNNING = new InheritableThreadLocal<>();

    public LambdaFunctions(SamTemplate template) {
        this.template = template;
    }

    private record Loaded(Object instance, Method method) {}

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
            try {
                Class<?> type = Class.forName(f.handlerClass());
                Method method = findHandlerMethod(type, f.handlerMethod());
                return new Loaded(type.getConstructor().newInstance(), method);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load handler " + f.handler() + " of " + id + ": " + e, e);
            }
        });
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
