using System.Net;
using System.Text.RegularExpressions;
using CoSell.Workflow.Http;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

/// <summary>
/// Every admin route in <see cref="ApiRoutes.All"/> (a new one is covered by being listed there) refuses a caller
/// without admin rights with 401 problem details and changes nothing. Routes on an instance are tried on a waiting
/// and on a finished review, so a terminate or a purge that slipped through would show.
/// </summary>
public sealed partial class AdminRefusalTests : IClassFixture<DurableFixture>
{
    private const string Month = "2026-08";

    /// <summary>A body each route would accept from an operator, so only the credential stands between it and a change.</summary>
    private static readonly Dictionary<string, Func<HttpContent>> Bodies = new(StringComparer.Ordinal)
    {
        [ApiRoutes.UploadRevenue.Name] = () => ApiTestApp.Csv("organisationId,month,acrTtmUsd\ncontoso,2026-08,125000\n"),
        [ApiRoutes.TerminateInstance.Name] = () => ApiTestApp.Json("{\"reason\":\"Stuck\",\"terminatedBy\":\"ops@cosell.example\"}"),
    };

    private readonly DurableFixture _durable;

    public AdminRefusalTests(DurableFixture durable) => _durable = durable;

    public enum Caller
    {
        NoKey,
        PartnerKey,
        PartnerKeyAsAdminKey,
        WrongAdminKey,
        EmptyAdminKey,
    }

    public enum Target
    {
        WaitingReview,
        FinishedReview,
    }

    public static TheoryData<string, Caller, Target> Cases
    {
        get
        {
            var cases = new TheoryData<string, Caller, Target>();
            foreach (ApiRoute route in ApiRoutes.All.Where(r => r.Auth == RouteAuth.Admin))
            {
                Target[] targets = route.Template.Contains("{instanceId}", StringComparison.Ordinal) ? [Target.WaitingReview, Target.FinishedReview] : [Target.WaitingReview];
                foreach (Caller caller in Enum.GetValues<Caller>())
                {
                    foreach (Target target in targets)
                    {
                        cases.Add(route.Name, caller, target);
                    }
                }
            }

            return cases;
        }
    }

    [Fact]
    public void Cases_CoverEveryAdminRoute()
    {
        string[] covered = [.. Cases.Select(c => (string)c[0]).Distinct()];

        Assert.Equal(ApiRoutes.All.Where(r => r.Auth == RouteAuth.Admin).Select(r => r.Name), covered);
        Assert.True(covered.Length >= 6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AdminRoute_CallerWithoutAdminRights_401ProblemAndNothingChanges(string routeName, Caller caller, Target target)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == routeName);
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = ReviewInstances.UniqueOfferId();
        string instanceId = target == Target.WaitingReview
            ? await ReviewInstances.StartWaitingAsync(_durable, offerId)
            : await ReviewInstances.StartFinishedAsync(_durable.Client, offerId);
        Snapshot before = await SnapshotAsync(app, instanceId, offerId);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), "/" + Fill(route.Template, instanceId))
        {
            Content = Bodies.TryGetValue(route.Name, out Func<HttpContent>? body) ? body() : null,
        };

        HttpResponseMessage response = await ClientFor(app, caller).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.ProblemFieldsAsync());
        Assert.Equal(before, await SnapshotAsync(app, instanceId, offerId));
    }

    private static HttpClient ClientFor(ApiTestApp app, Caller caller)
    {
        HttpClient client = caller == Caller.PartnerKey ? app.Partner() : app.Anonymous();
        string? adminHeader = caller switch
        {
            Caller.PartnerKeyAsAdminKey => ApiTestApp.ContosoKey,
            Caller.WrongAdminKey => ApiTestApp.AdminKey + "x",
            Caller.EmptyAdminKey => string.Empty,
            _ => null,
        };
        if (adminHeader is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyPartnerAuthenticator.AdminKeyHeader, adminHeader);
        }

        return client;
    }

    /// <summary>The template with a value for each parameter; a new parameter needs a sample value here (the test says so).</summary>
    private static string Fill(string template, string instanceId)
        => TemplateParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "month" => Month,
            "instanceId" => instanceId,
            string other => throw new InvalidOperationException($"AdminRefusalTests has no sample value for {{{other}}}; add one to Fill."),
        });

    private async Task<Snapshot> SnapshotAsync(ApiTestApp app, string instanceId, string offerId)
    {
        OrchestrationMetadata? instance = await _durable.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        OrchestrationMetadata? monthRun = await _durable.Client.GetInstanceAsync(WorkflowNames.ReevaluationInstanceId(Month));
        return new Snapshot(
            app.Revenue.Rows.Count,
            app.History.Count,
            (await app.History.ListAsync("contoso", offerId)).Count,
            instance?.RuntimeStatus,
            instance?.LastUpdatedAt,
            instance?.SerializedOutput,
            monthRun is not null);
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex TemplateParameter();

    private sealed record Snapshot(
        int RevenueRows,
        int HistoryEntries,
        int OfferHistoryEntries,
        OrchestrationRuntimeStatus? InstanceStatus,
        DateTimeOffset? InstanceUpdatedAt,
        string? InstanceOutput,
        bool MonthRunExists);
}
