using CoSell.Domain;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Reevaluation;

/// <summary>Test data of the re-evaluation: offers a reviewer approved earlier, and the month's revenue rows.</summary>
internal static class ReviewedOffers
{
    public const string Month = "2026-11";
    public const string InstanceId = "reeval-2026-11";
    public const string Admin = "ada@microsoft.com";

    public static readonly DateTimeOffset ReviewedAt = new(2026, 9, 14, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RunAt = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public static string PartnerEmail(string partnerId) => $"owner@{partnerId}.example.com";

    /// <summary>An offer whose last review approved <paramref name="status"/>, with valid collateral findings.</summary>
    public static OfferRecord Approved(string partnerId, string offerId, CoSellStatus status, bool reviewerApproved = true)
    {
        Submission submission = SubmissionBuilder.ValidIp().WithIds(partnerId, offerId).WithName($"Offer {offerId}").Build();
        List<CollateralFinding> findings = [.. submission.Materials.Documents.Select(d => new CollateralFinding(d.Type, d.FileName, true, "Readable PDF, 2 pages."))];
        Evaluation evaluation = new(status, status == CoSellStatus.CoSellIncentivized ? [IncentiveTrack.AzureIp] : [], [], []);
        var snapshot = new OfferStatusSnapshot(
            status, evaluation, $"cosell-{partnerId}.{offerId}-1", 1, ReviewedAt, Reviews.Reviewer, "Approved.", reviewerApproved,
            PartnerEmail(partnerId), submission, findings);
        return new OfferRecord(submission.Offer, submission.Materials, 1, ReviewedAt, snapshot, ETag: null);
    }

    public static OfferRecord Seed(this InMemoryOfferStore store, string partnerId, string offerId, CoSellStatus status, bool reviewerApproved = true)
        => store.Seed(Approved(partnerId, offerId, status, reviewerApproved));

    public static Task AcrAsync(this InMemoryRevenueStore store, string partnerId, decimal acrTtmUsd, string month = Month)
        => store.ImportAsync(month, [Organisations.WithAcr(partnerId, acrTtmUsd) with { Month = month }]);

    /// <summary>A batch over every organisation (no bounds); <paramref name="offers"/> name the first one, for messages.</summary>
    public static ReevaluationBatchRequest Batch(params OfferRecord[] offers)
        => new(Month, InstanceId, RunAt, new OrganisationRange(null, null, offers.Select(o => o.PartnerId).Order(StringComparer.Ordinal).FirstOrDefault(), offers.Select(o => o.PartnerId).Distinct().Count()));

    public static async Task<CoSellStatus> StatusAsync(this InMemoryOfferStore store, string partnerId, string offerId)
        => (await store.GetAsync(partnerId, offerId))!.Current!.Status;
}
