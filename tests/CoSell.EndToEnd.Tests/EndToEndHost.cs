using CoSell.Integration.Tests.Infrastructure;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CoSell.EndToEnd.Tests;

/// <summary>
/// The whole local host (real Kestrel on a free loopback port, Durable engine on Azurite, mailbox, portal), started
/// once per test class with a task hub, table prefix and container of its own, so classes can share one Azurite.
/// </summary>
public class EndToEndHost : IAsyncLifetime
{
    public const string PartnerId = "contoso";
    public const string PartnerKey = "e2e-contoso-partner-key-0123456789";
    public const string OtherPartnerId = "fabrikam";
    public const string OtherPartnerKey = "e2e-fabrikam-partner-key-0123456789";
    public const string AdminKey = "e2e-admin-key-0123456789";
    public const string Reviewer = "reviewer@cosell.localhost";

    readonly string _prefix = "E2e" + Guid.NewGuid().ToString("N")[..10];
    readonly IReadOnlyDictionary<string, string?> _overrides;
    WebApplication? _app;

    public EndToEndHost()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="overrides">Settings on top of the defaults below (e.g. short review timings).</param>
    protected EndToEndHost(IReadOnlyDictionary<string, string?> overrides) => _overrides = overrides;

    public Uri Site { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public CoSellApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string storage = await AzuriteServer.GetConnectionStringAsync();
        int port = FreePort();
        string site = $"http://127.0.0.1:{port}";
        _app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = site,
                [LocalEngineOptions.TaskHubNameSetting] = _prefix + "Hub",
                [LocalEngineOptions.ConnectionStringSetting] = storage,
                ["CoSellStorage:TablePrefix"] = _prefix,
                ["Collateral:ContainerName"] = _prefix.ToLowerInvariant(),
                ["CoSell:ReevaluationSchedulerEnabled"] = "false",
                ["Approval:SigningKey"] = "e2e-signing-key-e2e-signing-key-0123456789",
                ["PartnerAuth:AdminKey"] = AdminKey,
                ["PartnerAuth:Partners:" + PartnerId] = PartnerKey,
                ["PartnerAuth:Partners:" + OtherPartnerId] = OtherPartnerKey,
                ["SendGrid:Host"] = site,
                ["SendGrid:ApiKey"] = "SG.local-e2e",
                ["Review:PublicBaseUrl"] = site,
                ["Review:Reviewers:0"] = Reviewer,
                ["Demo:PartnerId"] = PartnerId,
                ["Demo:OfferId"] = "portal-offer",
                ["Demo:ExposePartnerKey"] = "true",
                ["Mailbox:FilePath"] = null,
            });
            builder.Configuration.AddInMemoryCollection(_overrides);
        });
        await _app.StartAsync();
        Site = new Uri(site);
        Http = new HttpClient { BaseAddress = Site, Timeout = TimeSpan.FromSeconds(30) };
        Api = new CoSellApi(Http);
        await Api.WaitHealthyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            using CancellationTokenSource stop = new(TimeSpan.FromSeconds(30));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }

    static int FreePort() => LoopbackPorts.Free();
}
