package dev.reve.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.reve.bench.CpuPerOpProfiler}) that reports the benchmark JVM's
 * CPU time per operation, {@code cpu.per.op} in µs: every thread of the process (callers, OkHttp,
 * GC, JIT) over the operations of the iteration. With the server in another process this is the
 * client's whole CPU cost per call, which wall time under load on two cores cannot show.
 */
public final class CpuPerOpProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long before;

  /** Created by JMH. */
  public CpuPerOpProfiler() {}

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - before;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : cpu / 1_000.0 / ops;
    return List.of(new ScalarResult("cpu.per.op", perOp, "us/op", AggregationPolicy.AVG));
  }
}
