package io.farmwatch.agent.bench;

import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.platform.linux.X11InputSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The X11 sampler's own CPU cost: samples the display in {@code $DISPLAY} for the given seconds
 * while something else generates input, then prints the sampler thread's CPU time as a share of
 * one core. Run with {@code scripts/bench-input}.
 */
public final class InputSamplerCost {

  private InputSamplerCost() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    ActivityRecorder recorder = new ActivityRecorder(60);
    AtomicLong events = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (X11InputSource source = new X11InputSource(null)) {
      source.start(e -> {
        events.incrementAndGet();
        recorder.accept(e);
      });
      Thread.sleep(seconds * 1000L);
      long cpu = 0;
      for (long id : threads.getAllThreadIds()) {
        var info = threads.getThreadInfo(id);
        if (info != null && info.getThreadName().equals("input-x11")) {
          cpu = threads.getThreadCpuTime(id);
        }
      }
      System.out.printf("sampled %d s, %d input events (%.1f/s); sampler thread CPU %.3f s = %.3f %% of one core%n",
          seconds, events.get(), events.get() / (double) seconds, cpu / 1e9, cpu / 1e9 / seconds * 100);
    }
  }
}
