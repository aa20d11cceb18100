using System.Net;
using System.Text.Json;
using CoSell.Domain;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

public sealed class AdminApiTests : IClassFixture<DurableFixture>
{
    private const string Header = "organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue\n";
    private readonly DurableFixture _durable;

    public AdminApiTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task UploadRevenue_ValidFile_ImportsEveryRow()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string csv = Header + "contoso,2026-08,125000.50,false,true,contoso-saas:60000\nfabrikam,2026-08,10,true,false,\n";

        HttpResponseMessage response = await app.Admin().PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("organisations").GetInt32());
        OrganisationProfile contoso = (await app.Revenue.GetAsync("2026-08", "contoso"))!;
        Assert.Equal(125_000.50m, contoso.AcrTtmUsd);
        Assert.Equal(60_000m, Assert.Single(contoso.Solutions).BilledRevenueUsd);
    }

    [Fact]
    public async Task UploadRevenue_OneBadRow_400ListingItAndNothingImported()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string csv = Header + "contoso,2026-08,125000.50,false,true,\nfabrikam,2026-08,lots,false,false,\n";

        HttpResponseMessage response = await app.Admin().PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["line 3, acrTtmUsd"], await response.ProblemFieldsAsync());
        Assert.Empty(app.Revenue.Rows);
    }

    [Fact]
    public async Task UploadRevenue_BadMonthOrContentType_4xxAndNothingImported()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpClient admin = app.Admin();

        HttpResponseMessage badMonth = await admin.PutAsync("/api/admin/revenue/2026-13", ApiTestApp.Csv(Header));
        HttpResponseMessage json = await admin.PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Json("[]"));

        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(["month"], await badMonth.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Empty(app.Revenue.Rows);
    }

    [Fact]
    public async Task UploadRevenue_OverTheLimit_413()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client, o => o.MaxRevenueBytes = 64);

        HttpResponseMessage response = await app.Admin().PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Csv(Header + "contoso,2026-08,1,false,false,\n"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(app.Revenue.Rows);
    }

    [Fact]
    public async Task StartReevaluation_Twice_OneInstanceAnd202Both()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string month = UniqueMonth();
        HttpClient admin = app.Admin();

        HttpResponseMessage first = await admin.PostAsync($"/api/admin/reevaluations/{month}", null);
        OrchestrationMetadata started = await _durable.WaitForCompletionAsync(WorkflowNames.ReevaluationInstanceId(month));
        HttpResponseMessage second = await admin.PostAsync($"/api/admin/reevaluations/{month}", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal($"http://localhost/api/admin/reevaluations/{month}", first.Headers.Location!.ToString());
        OrchestrationMetadata after = (await _durable.Client.GetInstanceAsync(started.InstanceId))!;
        Assert.Equal(started.CreatedAt, after.CreatedAt);
    }

    [Fact]
    public async Task GetReevaluation_Started_ShowsStatusAndOutput()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string month = UniqueMonth();
        HttpClient admin = app.Admin();
        await admin.PostAsync($"/api/admin/reevaluations/{month}", null);
        await _durable.WaitForCompletionAsync(WorkflowNames.ReevaluationInstanceId(month));

        HttpResponseMessage response = await admin.GetAsync($"/api/admin/reevaluations/{month}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal($"re-evaluated {month}", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task GetReevaluation_NeverStarted_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Admin().GetAsync("/api/admin/reevaluations/1999-01");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemFieldsAsync();
    }

    private static int _months;

    /// <summary>A month no other test in this process uses (the Durable host is shared by the class).</summary>
    private static string UniqueMonth()
    {
        int n = Interlocked.Increment(ref _months);
        return $"{2100 + (n / 12)}-{(n % 12) + 1:D2}";
    }
}
