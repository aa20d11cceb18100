using System.Globalization;
using System.Text.Json;
using CoSell.Benchmarks.Infrastructure;
using CoSell.Benchmarks.Reevaluation;
using CoSell.Benchmarks.Review;

namespace CoSell.Benchmarks;

/// <summary>
/// <c>CoSell.Benchmarks [review|reeval|waiting|all] [--n 1,100,300] [--offers 10000] [--orgs 2000] [--waiting 1000]
/// [--hold 60] [--idle-probe 60] [--no-shape] [--set "LocalEngine:PartitionCount=4;..."] [--out bench/results]</c>. Storage: <c>COSELL_BENCH_STORAGE</c> (an Azurite
/// connection string; bench/run.sh starts one and sets it).
/// </summary>
public static class BenchmarkCommand
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        string workload = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        Dictionary<string, string> flags = Flags(args);
        string? connection = Environment.GetEnvironmentVariable("COSELL_BENCH_STORAGE");
        if (string.IsNullOrEmpty(connection))
        {
            await Console.Error.WriteLineAsync("Set COSELL_BENCH_STORAGE to an Azurite connection string (bench/run.sh does this).");
            return 2;
        }

        StorageEndpoints storage = StorageEndpoints.Parse(connection);
        int[] sizes = [.. flags.GetValueOrDefault("n", "1,100,300").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
        string outDir = flags.GetValueOrDefault("out", Path.Combine("bench", "results"));
        Directory.CreateDirectory(outDir);
        Dictionary<string, object> results = new(StringComparer.Ordinal)
        {
            ["startedAt"] = DateTimeOffset.UtcNow,
            ["machine"] = Machine(),
        };
        Dictionary<string, string?> overrides = flags.TryGetValue("set", out string? set)
            ? set.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1], StringComparer.OrdinalIgnoreCase)
            : [];
        results["settings"] = new
        {
            LocalHost = new CoSell.LocalHost.Engine.LocalEngineOptions(),
            Overrides = overrides,
            BareShapeProviderDefaults = BareShapeBenchmark.ProviderDefaults(),
        };
        bool ok = true;

        if (workload is "review" or "all")
        {
            List<ReviewRunResult> runs = [];
            foreach (int n in sizes)
            {
                ReviewRunResult run = await new ReviewBenchmark(new ReviewBenchmarkOptions(storage, n) { Settings = overrides }).RunAsync();
                runs.Add(run);
                Print(run);
                if (!flags.ContainsKey("no-shape") && n > 1)
                {
                    ReviewRunResult shape = await new BareShapeBenchmark(storage, n).RunAsync();
                    runs.Add(shape);
                    Print(shape);
                }
            }

            if (flags.TryGetValue("idle-probe", out string? idle))
            {
                ReviewRunResult probe = await new ReviewBenchmark(new ReviewBenchmarkOptions(storage, 1)
                {
                    IdleBefore = TimeSpan.FromSeconds(double.Parse(idle, CultureInfo.InvariantCulture)),
                    Settings = overrides,
                }).RunAsync();
                runs.Add(probe);
                Print(probe);
            }

            ok &= runs.All(r => r.Problems.Count == 0);
            results["review"] = runs;
        }

        if (workload is "reeval" or "all")
        {
            int offers = int.Parse(flags.GetValueOrDefault("offers", "10000"), CultureInfo.InvariantCulture);
            int orgs = int.Parse(flags.GetValueOrDefault("orgs", (offers / 5).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            ReevaluationRunResult run = await new ReevaluationBenchmark(storage, offers, orgs, settings: overrides).RunAsync();
            Print(run);
            ok &= run.Problems.Count == 0;
            results["reeval"] = run;
        }

        if (workload is "waiting" or "all")
        {
            int n = int.Parse(flags.GetValueOrDefault("waiting", "1000"), CultureInfo.InvariantCulture);
            double hold = double.Parse(flags.GetValueOrDefault("hold", "60"), CultureInfo.InvariantCulture);
            ReviewRunResult run = await new ReviewBenchmark(new ReviewBenchmarkOptions(storage, n)
            {
                Decide = false,
                HoldFor = TimeSpan.FromSeconds(hold),
                QuietBeforeHold = TimeSpan.FromSeconds(double.Parse(flags.GetValueOrDefault("quiet", "20"), CultureInfo.InvariantCulture)),
                Settle = TimeSpan.Zero,
                Timeout = TimeSpan.FromSeconds(Math.Max(900, n * 0.3)),
                Settings = overrides,
            }).RunAsync();
            Print(run);
            ok &= run.Problems.Count == 0;
            results["waiting"] = run;
        }

        string file = Path.Combine(outDir, $"{workload}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, Json));
        Console.WriteLine($"results: {file}");
        return ok ? 0 : 1;
    }

    static Dictionary<string, string> Flags(string[] args)
    {
        Dictionary<string, string> flags = new(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                flags[args[i][2..]] = hasValue ? args[++i] : "true";
            }
        }

        return flags;
    }

    static object Machine() => new
    {
        Environment.ProcessorCount,
        Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        LoadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        ServerGc = System.Runtime.GCSettings.IsServerGC,
    };

    static void Print(ReviewRunResult r)
    {
        Console.WriteLine($"== {r.Workload}, N = {r.Reviews}: {r.Seconds:0.0} s, {r.ReviewsPerSecond:0.00} reviews/s, completed {r.Completed}/{r.Reviews}");
        Console.WriteLine($"   submit → reviewer mail p50 {r.SubmitToReviewerMail.P50Ms:0} ms, p95 {r.SubmitToReviewerMail.P95Ms:0} ms, max {r.SubmitToReviewerMail.MaxMs:0} ms");
        Console.WriteLine($"   decision → outcome     p50 {r.DecisionToOutcome.P50Ms:0} ms, p95 {r.DecisionToOutcome.P95Ms:0} ms, max {r.DecisionToOutcome.MaxMs:0} ms");
        Console.WriteLine($"   peak RSS {r.PeakRssMb:0} MB, CPU {r.CpuSeconds:0.0} s");
        PrintStorage(r.Storage, r.StorageRequestsPerReview, "review");
        if (r.Waiting is { } w)
        {
            Console.WriteLine($"   WAITING {w.Reviews} reviews for {w.Seconds:0} s: CPU {w.CpuSeconds:0.00} s ({100 * w.CpuSeconds / w.Seconds:0.0} % of one core), RSS {w.RssStartMb:0} → {w.RssEndMb:0} MB, storage {w.StorageRequestsPerSecond:0.0} requests/s");
        }

        PrintProblems(r.Problems);
    }

    static void Print(ReevaluationRunResult r)
    {
        Console.WriteLine($"== reeval, {r.Offers} offers / {r.Organisations} orgs: {r.Seconds:0.0} s ({r.OffersPerSecond:0} offers/s), seeding {r.SeedSeconds:0.0} s, status {r.RuntimeStatus}");
        Console.WriteLine($"   expected {r.Expected}; summary evaluated {r.Summary?.Evaluated}, granted {r.Summary?.Granted}, withdrawn {r.Summary?.Withdrawn}, unchanged {r.Summary?.Unchanged}, partners mailed {r.Summary?.PartnersNotified}, pages {r.Summary?.Pages}, batches {r.Summary?.Batches}");
        Console.WriteLine($"   peak RSS {r.PeakRssMb:0} MB, CPU {r.CpuSeconds:0.0} s (Azurite {r.AzuriteCpuSeconds:0.0} s, {r.AzuriteMode} persistence), load at start {r.LoadAverageAtStart}");
        PrintStorage(r.Storage, r.StorageRequestsPerOffer, "offer");
        PrintProblems(r.Problems);
    }

    static void PrintStorage(StorageRequests? storage, double? perUnit, string unit)
    {
        if (storage is null)
        {
            return;
        }

        Console.WriteLine($"   storage requests {storage.Total} (idle polling {storage.IdlePerSecond:0.0}/s), {perUnit:0.0} per {unit} net of idle polling");
        foreach ((string kind, long count) in storage.ByKind.Take(14))
        {
            Console.WriteLine($"     {count,8}  {kind}");
        }
    }

    static void PrintProblems(IReadOnlyList<string> problems)
    {
        foreach (string problem in problems.Take(10))
        {
            Console.WriteLine($"   PROBLEM {problem}");
        }
    }
}
