using System.Net;
using System.Net.Sockets;
using CoSell.Integration.Tests.Engine;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>
/// A started web host for one test class: the local host (<see cref="LocalHostApp"/>) on Azurite with test settings, or
/// any already built app. <see cref="SiteAddress"/> is the HTTP address that is not the local engine's gRPC port, and
/// <see cref="Http"/> points at it without following redirects.
/// </summary>
internal sealed class LocalHostUnderTest : IAsyncDisposable
{
    /// <summary>The signing key every local-host test uses (long enough for the signer's minimum).</summary>
    public const string SigningKey = "test-signing-key-test-signing-key-0123456789";

    LocalHostUnderTest(WebApplication app, string siteAddress)
    {
        App = app;
        SiteAddress = siteAddress;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(siteAddress) };
    }

    public WebApplication App { get; }

    public string SiteAddress { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Builds and starts the local host on a random loopback port with a fresh task hub (named from
    /// <paramref name="hubHint"/>), the scheduler off and a test signing key; <paramref name="extra"/> adds settings or
    /// overrides those, <paramref name="replace"/> swaps services after the host registered its own.
    /// </summary>
    public static Task<LocalHostUnderTest> StartAsync(
        string hubHint, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? replace = null)
    {
        Dictionary<string, string?> settings = new()
        {
            ["urls"] = "http://127.0.0.1:0",
            [LocalEngineOptions.TaskHubNameSetting] = TestStorage.UniqueTaskHub(hubHint),
            [LocalEngineOptions.ConnectionStringSetting] = TestStorage.ConnectionString,
            ["CoSell:ReevaluationSchedulerEnabled"] = "false",
            ["Approval:SigningKey"] = SigningKey,
        };
        foreach ((string key, string? value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        WebApplication app = LocalHostApp.Build(
            [],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Configuration.AddInMemoryCollection(settings);
            },
            replace);
        return StartAsync(app);
    }

    /// <summary>Starts an app that is already built and finds the address it serves HTTP on.</summary>
    public static async Task<LocalHostUnderTest> StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        int? grpcPort = app.Services.GetService<LocalEngineEndpoint>()?.Port;
        string site = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => grpcPort is null || !a.EndsWith($":{grpcPort}", StringComparison.Ordinal));
        return new LocalHostUnderTest(app, site);
    }

    /// <summary>
    /// Settings for the whole product on one site picked before start-up (free loopback port), so SendGrid mail lands in
    /// the host's own mailbox and review links point back at it: task hub, tables and collateral container named from
    /// <paramref name="prefix"/>, one reviewer (<c>reviewer@cosell.localhost</c>).
    /// </summary>
    public static Dictionary<string, string?> WholeProductOnOneSite(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string site = FreeLoopbackAddress();
        return new Dictionary<string, string?>
        {
            ["urls"] = site,
            [LocalEngineOptions.TaskHubNameSetting] = prefix + "Hub",
            ["CoSellStorage:TablePrefix"] = prefix,
            ["SendGrid:Host"] = site,
            ["Review:PublicBaseUrl"] = site,
            ["Review:Reviewers:0"] = "reviewer@cosell.localhost",
            ["Collateral:ContainerName"] = prefix.ToLowerInvariant(),
        };
    }

    /// <summary>A loopback address on a port free right now, for settings that must name the site before it starts.</summary>
    public static string FreeLoopbackAddress()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
