using System.Diagnostics;

namespace CoSell.Benchmarks.Infrastructure;

/// <summary>Samples this process's resident set every 100 ms and reads its CPU time: the host, the load and the proxy all live here.</summary>
public sealed class ProcessMeter : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task sampling;
    long peakBytes;

    public ProcessMeter()
    {
        peakBytes = CurrentRssBytes();
        sampling = SampleAsync(stop.Token);
    }

    public static long CurrentRssBytes()
    {
        using Process self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    public static TimeSpan CpuTime()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU time of the Azurite process bench/run.sh started (<c>COSELL_BENCH_AZURITE_PID</c>); null when unknown.</summary>
    public static TimeSpan? AzuriteCpuTime()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("COSELL_BENCH_AZURITE_PID"), out int pid))
        {
            return null;
        }

        try
        {
            using Process azurite = Process.GetProcessById(pid);
            return azurite.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public double PeakRssMb => Interlocked.Read(ref peakBytes) / 1024.0 / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    async Task SampleAsync(CancellationToken cancellationToken)
    {
        using PeriodicTimer timer = new(TimeSpan.FromMilliseconds(100));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            long now = CurrentRssBytes();
            long seen = Interlocked.Read(ref peakBytes);
            if (now > seen)
            {
                Interlocked.Exchange(ref peakBytes, now);
            }
        }
    }
}

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(int Count, double P50Ms, double P95Ms, double MaxMs)
{
    public static LatencySummary Of(IEnumerable<TimeSpan> samples)
    {
        double[] sorted = [.. samples.Select(s => s.TotalMilliseconds).Order()];
        return sorted.Length == 0 ? new(0, 0, 0, 0) : new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), sorted[^1]);
    }

    static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Storage requests between two proxy snapshots, by kind, plus the share of idle polling in that window.</summary>
public sealed record StorageRequests(long Total, double IdlePerSecond, IReadOnlyDictionary<string, long> ByKind)
{
    public static StorageRequests Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, double idlePerSecond)
    {
        Dictionary<string, long> delta = after
            .Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new(delta.Values.Sum(), idlePerSecond, delta);
    }
}
