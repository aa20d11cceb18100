using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoSell.EndToEnd.Tests;
using CoSell.Integration.Tests.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;
using ReadyOffers = CoSell.Integration.Tests.Infrastructure.ReadyOffers;

namespace CoSell.Integration.Tests.Admin;

/// <summary>
/// The operator routes on the real local host (Durable Task Framework on Azurite, table adapters, local mailbox), driven
/// only over HTTP: a review waiting for its reviewer is terminated, its link stops deciding, and it is purged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LocalHostInstanceAdminTests : IAsyncLifetime
{
    const string PartnerKey = "partner-key-contoso-admin-tests";
    const string AdminKey = "admin-key-admin-tests";
    const string Reviewer = "reviewer@cosell.localhost";
    const string Operator = "ops@cosell.localhost";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    readonly string prefix = TestStorage.UniqueTaskHub("Adm")[..12];
    LocalHostUnderTest host = null!;
    CoSellApi api = null!;

    public async Task InitializeAsync()
    {
        Dictionary<string, string?> settings = LocalHostUnderTest.WholeProductOnOneSite(prefix);
        settings["PartnerAuth:Partners:contoso"] = PartnerKey;
        settings["PartnerAuth:AdminKey"] = AdminKey;
        host = await LocalHostUnderTest.StartAsync("Adm", settings);
        api = new CoSellApi(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task WaitingReview_TerminatedThenPurgedOnceTheDraftMovedOn_HistoryKeepsWhoAndWhyAndTheDraftVersionIsNotReviewedTwice()
    {
        const string offerId = "crm-admin";
        await ReadyOffers.PrepareAsync(api, PartnerKey, offerId);
        string id = (await ReadyOffers.SubmitAsync(api, PartnerKey, offerId, "pm@contoso.example")).Id;
        CapturedMail reviewerMail = await api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, id) && m.To.Contains(Reviewer), Patience, "reviewer mail");
        string instance = $"/api/admin/instances/{id}";

        using HttpResponseMessage purgeWhileWaiting = await AdminAsync(HttpMethod.Delete, instance);
        using HttpResponseMessage terminate = await AdminAsync(HttpMethod.Post, instance + "/terminate",
            Json(new { reason = "Reviewer left; the partner will resubmit.", terminatedBy = Operator }));
        JsonElement terminated = await WaitForRuntimeStatusAsync(instance, "Terminated");
        using HttpResponseMessage terminateAgain = await AdminAsync(HttpMethod.Post, instance + "/terminate", Json(new { reason = "Again", terminatedBy = Operator }));
        using HttpResponseMessage lateDecision = await api.Http.PostAsync(CoSellApi.ReviewLink(reviewerMail), new FormUrlEncodedContent([KeyValuePair.Create("decision", "approve")]));
        HistoryResponse history = await api.HistoryAsync("contoso", PartnerKey, offerId);
        StatusResponse status = await api.StatusAsync("contoso", PartnerKey, offerId);
        using HttpResponseMessage resubmitSameDraft = await api.SubmitAsync("contoso", PartnerKey, offerId, "pm@contoso.example");
        using HttpResponseMessage purgeCurrentDraft = await AdminAsync(HttpMethod.Delete, instance);
        using HttpResponseMessage saved = await api.ImportContactsAsync("contoso", PartnerKey, offerId, "Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Sales lead,Sales,\"US,GB\"\nBo Chen,bo@contoso.example,Seller,Sales,GB\n");
        using HttpResponseMessage purge = await AdminAsync(HttpMethod.Delete, instance);
        using HttpResponseMessage afterPurge = await AdminAsync(HttpMethod.Get, instance);
        SubmissionAccepted resubmit = await ReadyOffers.SubmitAsync(api, PartnerKey, offerId, "pm@contoso.example");

        Assert.Equal(HttpStatusCode.Conflict, purgeWhileWaiting.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(new Uri(host.SiteAddress + instance), terminate.Headers.Location);
        Assert.Equal("Review", terminated.GetProperty("kind").GetString());
        Assert.Equal("Reviewer left; the partner will resubmit.", terminated.GetProperty("output").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, terminateAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, lateDecision.StatusCode);
        HistoryEntry entry = Assert.Single(history.Entries, e => e.Kind == HistoryKind.ReviewTerminated);
        Assert.Equal((Operator, id), (entry.Actor, entry.InstanceId));
        Assert.Contains("Reviewer left; the partner will resubmit.", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(history.Entries, e => e.Kind is HistoryKind.Reviewed or HistoryKind.StatusChanged);
        Assert.False(status.ReviewInProgress);
        Assert.Equal(StatusResponse.NotSubmitted, status.Status);
        Assert.Equal(HttpStatusCode.Accepted, resubmitSameDraft.StatusCode);
        Assert.Equal(id, (await resubmitSameDraft.Content.ReadFromJsonAsync<SubmissionAccepted>(ApiJson.Options))!.Id);
        Assert.Equal(HttpStatusCode.Conflict, purgeCurrentDraft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterPurge.StatusCode);
        Assert.NotEqual(id, resubmit.Id);
        Assert.Single((await api.HistoryAsync("contoso", PartnerKey, offerId)).Entries, e => e.Kind == HistoryKind.ReviewTerminated);
    }

    async Task<JsonElement> WaitForRuntimeStatusAsync(string path, string runtimeStatus)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using HttpResponseMessage response = await AdminAsync(HttpMethod.Get, path);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
            JsonElement state = JsonDocument.Parse(body).RootElement.Clone();
            if (state.GetProperty("runtimeStatus").GetString() == runtimeStatus)
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not reach {runtimeStatus}: {body}");
            await Task.Delay(250);
        }
    }

    Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, HttpContent? content = null)
        => api.SendAsync(method, path, AdminKey, content, ApiKeyPartnerAuthenticator.AdminKeyHeader);

    static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
