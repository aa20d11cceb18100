using System.Net;
using System.Net.Sockets;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;

namespace CoSell.Benchmarks.Infrastructure;

/// <summary>The real local host (LocalHostApp.Build: Kestrel on 127.0.0.1, engine on Azurite, mailbox) configured for one benchmark run.</summary>
public static class BenchHost
{
    public const string PartnerKey = "bench-partner-key-0123456789abcdef";
    public const string AdminKey = "bench-admin-key-0123456789abcdef";
    public const string Reviewer = "reviewer@cosell.localhost";

    /// <summary>Builds and starts the host. <paramref name="settings"/> override the defaults below (e.g. <c>LocalEngine:*</c>).</summary>
    public static async Task<(WebApplication App, Uri Site)> StartAsync(
        string connectionString, string prefix, IEnumerable<string> partners, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Uri site = new($"http://127.0.0.1:{FreePort()}");
        Dictionary<string, string?> config = new(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = site.ToString().TrimEnd('/'),
            [LocalEngineOptions.TaskHubNameSetting] = prefix + "Hub",
            [LocalEngineOptions.ConnectionStringSetting] = connectionString,
            ["CoSellStorage:TablePrefix"] = prefix,
            ["CoSell:ReevaluationSchedulerEnabled"] = "false",
            ["Approval:SigningKey"] = "bench-signing-key-bench-signing-key-0123456789",
            ["SendGrid:Host"] = site.ToString().TrimEnd('/'),
            ["Review:PublicBaseUrl"] = site.ToString().TrimEnd('/'),
            ["Review:Reviewers:0"] = Reviewer,
            ["Collateral:ContainerName"] = prefix.ToLowerInvariant(),
            ["Mailbox:MaxMessages"] = "1000000",
            ["PartnerAuth:AdminKey"] = AdminKey,
            ["Reevaluation:Admins:0"] = "admin@cosell.localhost",
        };
        foreach (string partner in partners)
        {
            config[$"PartnerAuth:Partners:{partner}"] = PartnerKey;
        }

        foreach (KeyValuePair<string, string?> setting in settings ?? new Dictionary<string, string?>())
        {
            config[setting.Key] = setting.Value;
        }

        WebApplication app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("COSELL_BENCH_LOG") is { Length: > 0 } level)
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Enum.Parse<LogLevel>(level));
            }

            builder.Configuration.AddInMemoryCollection(config);
        });
        await app.StartAsync();
        return (app, site);
    }

    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A task hub / table prefix no earlier run used: letters and digits only.</summary>
    public static string UniquePrefix(string hint) => hint + Guid.NewGuid().ToString("N")[..8];

    public static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
