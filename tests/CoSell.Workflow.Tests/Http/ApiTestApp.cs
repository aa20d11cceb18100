using System.Net.Http.Headers;
using System.Text;
using CoSell.Domain;
using CoSell.Workflow.Http;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Http.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Workflow.Tests.Http;

/// <summary>
/// The real in-memory Durable engine with stand-in orchestrations: the review waits for
/// <see cref="WorkflowNames.ReviewerDecided"/> and returns an outcome built from the decision it received.
/// </summary>
public sealed class DurableFixture : IAsyncLifetime
{
    private DurableTaskTestHost? _host;

    public DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync()
        => _host = await InMemoryEngine.StartAsync(tasks => tasks
            .AddOrchestratorFunc<ReviewRequest, CoSellOutcome>(WorkflowNames.CoSellReview, async (ctx, input) =>
            {
                ctx.SetCustomStatus(new ReviewProgress("AwaitingReview", ctx.CurrentUtcDateTime, ["reviewer@microsoft.example"]));
                ReviewerDecision decision = await ctx.WaitForExternalEvent<ReviewerDecision>(WorkflowNames.ReviewerDecided);
                return new CoSellOutcome(
                    decision.Approved ? CoSellStatus.CoSellReady : CoSellStatus.NotReady,
                    [],
                    decision.Approved ? ReviewResolution.Approved : ReviewResolution.Rejected,
                    decision.Reviewer,
                    decision.Comment);
            })
            .AddOrchestratorFunc<string, string>(WorkflowNames.MonthlyReevaluation, (ctx, month) => Task.FromResult($"re-evaluated {month}")));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Polls (no fixed sleep) until the instance reaches a terminal state or the test's patience runs out.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the orchestration is waiting (custom status set), so an event raised next is the one it receives.</summary>
    public async Task<OrchestrationMetadata> WaitForAwaitingReviewAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            OrchestrationMetadata? instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token);
            if (instance?.SerializedCustomStatus is not null)
            {
                return instance;
            }

            await Task.Delay(20, cts.Token);
        }
    }
}

/// <summary>The HTTP API as the local host serves it (MapCoSellApi on a TestServer), with in-memory ports.</summary>
internal sealed class ApiTestApp : IAsyncDisposable
{
    public const string ContosoKey = "key-contoso-0123456789";
    public const string FabrikamKey = "key-fabrikam-9876543210";
    public const string AdminKey = "admin-key-5555";
    public const string Reviewer = "reviewer@microsoft.example";

    private readonly WebApplication _app;

    private ApiTestApp(WebApplication app, DurableTaskClient durable)
    {
        _app = app;
        Durable = durable;
    }

    public InMemoryOfferStore Offers { get; } = new();

    public InMemoryCollateralStore Collateral { get; } = new();

    public InMemoryHistoryStore History { get; } = new();

    public InMemoryRevenueStore Revenue { get; } = new();

    public InMemoryReviewTokenStore Tokens { get; } = new();

    public FakeReviewLinkSigner Signer { get; } = new();

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 8, 3, 9, 0, 0, TimeSpan.Zero));

    public DurableTaskClient Durable { get; }

    /// <param name="overrides">Registrations applied last, e.g. the workflow host's ports for an end-to-end test.</param>
    public static async Task<ApiTestApp> StartAsync(DurableTaskClient durable, Action<HttpApiOptions>? configure = null, Action<IServiceCollection>? overrides = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerAuth:Partners:contoso"] = ContosoKey,
            ["PartnerAuth:Partners:fabrikam"] = FabrikamKey,
            ["PartnerAuth:AdminKey"] = AdminKey,
        });
        builder.Services.AddRouting();
        builder.Services.AddCoSellHttp(builder.Configuration);
        builder.Services.Configure<ReviewOptions>(o =>
        {
            o.Reviewers = [Reviewer];
            o.ExpireAfter = TimeSpan.FromDays(7);
        });
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        var holder = new Holder();
        builder.Services.AddSingleton<IOfferStore>(_ => holder.App!.Offers);
        builder.Services.AddSingleton<ICollateralStore>(_ => holder.App!.Collateral);
        builder.Services.AddSingleton<IHistoryStore>(_ => holder.App!.History);
        builder.Services.AddSingleton<IRevenueStore>(_ => holder.App!.Revenue);
        builder.Services.AddSingleton<IReviewTokenStore>(_ => holder.App!.Tokens);
        builder.Services.AddSingleton<IReviewLinkSigner>(_ => holder.App!.Signer);
        builder.Services.AddSingleton<TimeProvider>(_ => holder.App!.Time);
        builder.Services.AddSingleton(durable);
        overrides?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.UseEmptyErrorProblems();
        app.MapCoSellApi();
        holder.App = new ApiTestApp(app, durable);
        await app.StartAsync();
        return holder.App;
    }

    public HttpClient Anonymous() => _app.GetTestClient();

    /// <summary>Sends a request built field by field (raw path segments, any header bytes), bypassing HttpClient's URI rules.</summary>
    public Task<Microsoft.AspNetCore.Http.HttpContext> SendRawAsync(Action<Microsoft.AspNetCore.Http.HttpContext> configure) => _app.GetTestServer().SendAsync(configure);

    public HttpClient Partner(string partnerId = "contoso")
    {
        HttpClient client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKeyPartnerAuthenticator.PartnerKeyHeader, partnerId == "fabrikam" ? FabrikamKey : ContosoKey);
        return client;
    }

    public HttpClient Admin()
    {
        HttpClient client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKeyPartnerAuthenticator.AdminKeyHeader, AdminKey);
        return client;
    }

    public IReadOnlyList<Microsoft.AspNetCore.Http.Endpoint> Endpoints
        => ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).ToList();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    public static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private sealed class Holder
    {
        public ApiTestApp? App { get; set; }
    }
}
