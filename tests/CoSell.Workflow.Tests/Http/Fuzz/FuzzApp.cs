using System.Net;
using CoSell.Domain;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http.Fuzz;

[CollectionDefinition(Name)]
public sealed class FuzzSuite : ICollectionFixture<FuzzApp>
{
    public const string Name = "HTTP fuzz";
}

/// <summary>
/// One API (ApiTestApp with small limits) shared by every fuzz property, seeded once: a draft ready to submit, an
/// offer under review with a valid signed link, an offer that imports may change, last month's revenue and
/// re-evaluation. Generated requests run one at a time, each comparing <see cref="SnapshotAsync"/> before and after itself.
/// </summary>
public sealed class FuzzApp : IAsyncLifetime
{
    public const string Partner = "contoso";
    public const string Offer = "analytics";
    public const string ReviewedOffer = "under-review";
    public const string CsvTarget = "import-target";
    public const string Month = "2026-08";
    public const string PastMonth = "2026-07";

    private readonly DurableFixture _durable = new();

    internal ApiTestApp App { get; private set; } = null!;

    public string ReviewInstanceId { get; } = WorkflowNames.ReviewInstanceId(Partner, ReviewedOffer, 1);

    public string TokenId { get; } = "tok-fuzz-under-review";

    /// <summary>The valid, signed link of the review in progress.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>The limits the app runs with: small enough that 413 bodies are cheap to generate.</summary>
    public static HttpApiOptions Limits { get; } = new()
    {
        MaxContactsBytes = 48 * 1024,
        MaxRevenueBytes = 48 * 1024,
        MaxDocumentBytes = 48 * 1024,
        MaxContacts = 25,
    };

    public async Task InitializeAsync()
    {
        await _durable.InitializeAsync();
        App = await ApiTestApp.StartAsync(_durable.Client, o =>
        {
            o.MaxContactsBytes = Limits.MaxContactsBytes;
            o.MaxRevenueBytes = Limits.MaxRevenueBytes;
            o.MaxDocumentBytes = Limits.MaxDocumentBytes;
            o.MaxContacts = Limits.MaxContacts;
        });
        App.Offers.Seed(TestData.Offer(Partner, Offer));
        App.Offers.Seed(TestData.Offer(Partner, ReviewedOffer));
        App.Offers.Seed(TestData.Offer(Partner, CsvTarget));
        await App.Revenue.ImportAsync(PastMonth, [new OrganisationProfile(Partner, PastMonth, 150_000m, [], false, true)]);
        await StartReviewAsync();
        HttpResponseMessage reevaluation = await App.Admin().PostAsync($"/api/admin/reevaluations/{PastMonth}", null);
        Assert.Equal(HttpStatusCode.Accepted, reevaluation.StatusCode);
        await _durable.WaitForCompletionAsync(WorkflowNames.ReevaluationInstanceId(PastMonth));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _durable.DisposeAsync();
    }

    internal async Task<StoreSnapshot> SnapshotAsync()
    {
        int instances = 0;
        await foreach (OrchestrationMetadata _ in App.Durable.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            instances++;
        }

        OrchestrationMetadata? review = await App.Durable.GetInstanceAsync(ReviewInstanceId);
        return new StoreSnapshot(
            App.Offers.Writes,
            $"{App.Offers.Find(Partner, Offer)?.ETag} {App.Offers.Find(Partner, ReviewedOffer)?.ETag}",
            string.Join(", ", App.Collateral.Blobs.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}:{b.Value.Length}")),
            App.History.Count,
            string.Join("; ", App.Revenue.Rows.Select(r => $"{r.Month}/{r.OrganisationId}/{r.AcrTtmUsd}")),
            $"decision={App.Tokens.DecisionOf(ReviewInstanceId)?.Approved} used={App.Tokens.TokenRow(TokenId)?.UsedAt} {review?.RuntimeStatus}",
            instances);
    }

    private async Task StartReviewAsync()
    {
        HttpResponseMessage submitted = await App.Partner().PostAsync(
            $"/api/partners/{Partner}/offers/{ReviewedOffer}/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _durable.WaitForAwaitingReviewAsync(ReviewInstanceId);
        DateTimeOffset expires = App.Time.Now.AddDays(7);
        await App.Tokens.AddAsync(new ReviewTokenRecord(TokenId, ReviewInstanceId, Partner, ReviewedOffer, ApiTestApp.Reviewer, App.Time.Now, expires));
        Token = App.Signer.Sign(new ReviewTokenClaims(TokenId, ReviewInstanceId, ApiTestApp.Reviewer, expires));
    }
}

/// <summary>Everything a refused request must leave as it was: offer rows, blobs, history, revenue, the review, the engine.</summary>
internal sealed record StoreSnapshot(int OfferWrites, string OfferETags, string Blobs, int HistoryEntries, string Revenue, string Review, int DurableInstances);
