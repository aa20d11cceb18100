using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Integration.Tests.Tables;

/// <summary>Valid offer rows for table tests; every part can be overridden with <c>with</c>.</summary>
internal static class OfferRecords
{
    public static readonly DateTimeOffset At = new(2026, 8, 1, 9, 30, 15, 123, TimeSpan.Zero);

    public static string NewId(string hint = "o") => hint + "-" + Guid.NewGuid().ToString("N")[..10];

    public static Offer Offer(string partnerId, string offerId) => new(
        partnerId, offerId, "Contoso Insights", SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: true,
        ["US", "DE"], CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true,
        BuiltOnAzure: true, RepeatableIpShare: 0.75m);

    public static CoSellMaterials Materials(int contacts = 2) => new(
        [new CollateralDocument(DocumentType.OnePager, "one-pager.pdf", "p/o/OnePager/one-pager.pdf", 52_345)],
        "https://contoso.example/insights",
        "https://contoso.example/case-study",
        [.. Enumerable.Range(0, contacts).Select(i => new SalesContact($"Seller {i}", $"seller{i}@contoso.example", "Account executive", "Sales", ["US", "DE"]))]);

    public static OfferRecord Draft(string partnerId, string? offerId = null, int contacts = 2) =>
        new(Offer(partnerId, offerId ?? NewId()), Materials(contacts), 1, At, Current: null, ETag: null);

    public static OfferRecord WithStatus(this OfferRecord record, CoSellStatus status)
    {
        var submission = record.ToSubmission();
        var evaluation = new Evaluation(
            status,
            status == CoSellStatus.CoSellIncentivized ? [IncentiveTrack.AzureIp] : [],
            [
                new RequirementResult("1.publishing", 1, "Marketplace publishing requirements", true, "The offer meets them."),
                new RequirementResult("4.azure-ip.revenue", 4, "ACR TTM at least 100,000 USD", status == CoSellStatus.CoSellIncentivized, "ACR TTM is 120,000.00 USD."),
            ],
            status == CoSellStatus.CoSellIncentivized ? [new Benefit("fee", "Marketplace fee 10 %", "From 20 % to 10 %.")] : []);
        var snapshot = new OfferStatusSnapshot(
            status, evaluation, "cosell-" + record.PartnerId + "." + record.OfferId + "-1", record.DraftVersion, At.AddHours(1),
            "reviewer@microsoft.example", "Approved by the reviewer", ReviewerApproved: status != CoSellStatus.NotReady,
            "partner@contoso.example", submission,
            [new CollateralFinding(DocumentType.OnePager, "one-pager.pdf", true, "A 2-page PDF.")]);
        return record with { Current = snapshot };
    }

    /// <summary>The stored shape of a record without its ETag, for whole-record comparisons.</summary>
    public static string Json(OfferRecord record) => TableJson.Serialize(record with { ETag = null });
}
