package dev.reve.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap while something runs, against a baseline taken after a full GC at {@link
 * #start()}: the highest heap use seen by a sampler thread and by {@link #sample()} (garbage
 * included), the highest use right after any collection, and the highest use after the full GCs
 * that {@link #probe()} forces (what the work really holds at that moment).
 */
final class HeapWatch implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Set<String> heapPools;
  private final long baseline;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong peakProbe = new AtomicLong();
  private final AtomicLong probes = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toUnmodifiableSet());
    System.gc();
    System.gc();
    baseline = memory.getHeapMemoryUsage().getUsed();
    peakUsed.set(baseline);
    peakAfterGc.set(baseline);
    peakProbe.set(baseline);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Takes the baseline (after a full GC) and starts watching. */
  static HeapWatch start() {
    return new HeapWatch();
  }

  /** Records the heap in use now. */
  void sample() {
    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /**
   * Forces a full GC and records the heap still in use: what the running work holds at this
   * moment, garbage excluded.
   */
  void probe() {
    System.gc();
    peakProbe.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    probes.incrementAndGet();
  }

  /** The most heap in use right after a {@link #probe()}, in bytes. */
  long peakProbe() {
    return peakProbe.get();
  }

  /** Probes taken. */
  long probes() {
    return probes.get();
  }

  /** Heap in use after the full GC at start, in bytes. */
  long baseline() {
    return baseline;
  }

  /** The most heap seen in use, garbage included, in bytes. */
  long peakUsed() {
    return peakUsed.get();
  }

  /** The most heap in use right after a collection while watching, in bytes. */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** Collections seen while watching. */
  long collections() {
    return collections.get();
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    long before = 0;
    for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(entry.getKey())) {
        after += entry.getValue().getUsed();
      }
    }
    for (var entry : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (heapPools.contains(entry.getKey())) {
        before += entry.getValue().getUsed();
      }
    }
    collections.incrementAndGet();
    peakAfterGc.accumulateAndGet(after, Math::max);
    peakUsed.accumulateAndGet(before, Math::max);
  }

  /** The heap's size limit ({@code -Xmx}), in bytes. */
  long maxHeap() {
    MemoryUsage heap = memory.getHeapMemoryUsage();
    return heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
  }

  /** Stops the sampler and the GC listener; the figures stay readable. */
  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
