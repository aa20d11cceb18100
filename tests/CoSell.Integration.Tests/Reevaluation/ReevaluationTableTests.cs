using CoSell.Adapters.SendGrid;
using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Integration.Tests.Tables;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Reevaluation;

[Trait("Category", "Integration")]
public sealed class ReevaluationTableTests : IClassFixture<AzuriteFixture>
{
    const string Month = "2026-11";
    const string InstanceId = "reeval-2026-11";
    static readonly DateTimeOffset RunAt = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    readonly CoSellTables _tables;
    readonly TableOfferStore _offers;
    readonly TableRevenueStore _revenue;
    readonly TableHistoryStore _history;

    public ReevaluationTableTests(AzuriteFixture azurite)
    {
        _tables = azurite.Tables(AzuriteFixture.UniquePrefix("Reeval"));
        _offers = new TableOfferStore(_tables);
        _revenue = new TableRevenueStore(_tables);
        _history = new TableHistoryStore(_tables);
    }

    [Fact]
    public async Task ListOrganisationIdsAsync_SmallPagesAfterTheLastId_ListsTheMonthsOrganisationsOnceInOrder()
    {
        string[] organisations = [.. Enumerable.Range(0, 5).Select(i => $"org-{i}")];
        await _revenue.ImportAsync(Month, [.. organisations.Reverse().Select(o => new OrganisationProfile(o, Month, 1_000m, [], false, false))]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile("org-1a", "2026-10", 1_000m, [], false, false)]);

        IReadOnlyList<string> first = await _revenue.ListOrganisationIdsAsync(Month, null, 2);
        IReadOnlyList<string> second = await _revenue.ListOrganisationIdsAsync(Month, first[^1], 2);
        IReadOnlyList<string> third = await _revenue.ListOrganisationIdsAsync(Month, second[^1], 2);

        Assert.Equal(organisations, first.Concat(second).Concat(third));
        Assert.Single(third);
    }

    [Fact]
    public async Task ListReviewedOfPartnersAsync_RangeOfPartners_ReadsOnlyTheirReviewedRowsWithUsableETags()
    {
        string a = OfferRecords.NewId("pa"), b = a + "-b", c = a + "-c";
        foreach ((string partner, string offer, CoSellStatus status) in new[]
        {
            (a, "o-1", CoSellStatus.CoSellReady),
            (b, "o-1", CoSellStatus.NotReady), (b, "o-2", CoSellStatus.CoSellIncentivized), (b, "o-3", CoSellStatus.CoSellReady),
            (c, "o-1", CoSellStatus.CoSellReady),
        })
        {
            await _offers.CreateAsync(OfferRecords.Draft(partner, offer).WithStatus(status));
        }

        List<ReviewedOffer> rows = [];
        await foreach (ReviewedOffer row in _offers.ListReviewedOfPartnersAsync(new OrganisationRange(a, b, b, 1)))
        {
            rows.Add(row);
        }

        OfferRecord stored = (await _offers.GetAsync(b, "o-2"))!;

        Assert.Equal([$"{b}/o-2", $"{b}/o-3"], rows.Select(r => $"{r.PartnerId}/{r.OfferId}"));
        Assert.Equal(CoSellStatus.CoSellIncentivized, rows[0].Current.Status);
        Assert.Equal(stored.Offer.Name, rows[0].OfferName);
        Assert.Equal(stored.ETag, rows[0].ETag);
        Assert.Equal(OfferRecords.Json(stored with { Current = rows[0].Current }), OfferRecords.Json(stored));
    }

    [Fact]
    public async Task ReplaceStatusesAsync_OnePartnersOffers_WritesEveryStatusInOneGoAndKeepsTheDrafts()
    {
        string partner = OfferRecords.NewId("pt");
        OfferRecord[] created = [
            await _offers.CreateAsync(OfferRecords.Draft(partner, "o-1").WithStatus(CoSellStatus.CoSellReady)),
            await _offers.CreateAsync(OfferRecords.Draft(partner, "o-2").WithStatus(CoSellStatus.CoSellReady))];
        OfferRecord edited = await _offers.ReplaceAsync(created[1] with { Offer = created[1].Offer with { Name = "Renamed meanwhile" } }, created[1].ETag!);
        ReviewedOffer[] read = [ReviewedOffer.Of(created[0])!, ReviewedOffer.Of(edited)!];

        await _offers.ReplaceStatusesAsync([.. read.Select(r => r with { Current = r.Current with { Status = CoSellStatus.CoSellIncentivized, InstanceId = InstanceId } })]);

        OfferRecord first = (await _offers.GetAsync(partner, "o-1"))!;
        OfferRecord second = (await _offers.GetAsync(partner, "o-2"))!;
        Assert.Equal((CoSellStatus.CoSellIncentivized, InstanceId), (first.Current!.Status, first.Current.InstanceId));
        Assert.Equal(CoSellStatus.CoSellIncentivized, second.Current!.Status);
        Assert.Equal("Renamed meanwhile", second.Offer.Name);
        Assert.Equal(OfferRecords.Json(edited with { Current = second.Current }), OfferRecords.Json(second));
        Assert.NotEqual(edited.ETag, second.ETag);
    }

    [Fact]
    public async Task ReplaceStatusesAsync_OneRowChangedSinceRead_WritesNoneAndReportsAConflict()
    {
        string partner = OfferRecords.NewId("pt");
        OfferRecord first = await _offers.CreateAsync(OfferRecords.Draft(partner, "o-1").WithStatus(CoSellStatus.CoSellReady));
        OfferRecord second = await _offers.CreateAsync(OfferRecords.Draft(partner, "o-2").WithStatus(CoSellStatus.CoSellReady));
        await _offers.ReplaceAsync(second with { UpdatedAt = RunAt }, second.ETag!);
        ReviewedOffer[] stale = [.. new[] { first, second }.Select(r => ReviewedOffer.Of(r)! with { Current = r.Current! with { Status = CoSellStatus.CoSellIncentivized } })];

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _offers.ReplaceStatusesAsync(stale));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _offers.ReplaceStatusesAsync([stale[1]]));

        OfferRecord storedFirst = (await _offers.GetAsync(partner, "o-1"))!;
        OfferRecord storedSecond = (await _offers.GetAsync(partner, "o-2"))!;
        Assert.Equal((CoSellStatus.CoSellReady, first.ETag), (storedFirst.Current!.Status, storedFirst.ETag));
        Assert.Equal((CoSellStatus.CoSellReady, RunAt), (storedSecond.Current!.Status, storedSecond.UpdatedAt));
    }

    [Fact]
    public async Task ReplaceStatusesAsync_LongSnapshotOverSeveralColumnsThenAShortOne_ReadsBackTheShortOne()
    {
        string partner = OfferRecords.NewId("pl");
        OfferRecord created = await _offers.CreateAsync(OfferRecords.Draft(partner, "o-1").WithStatus(CoSellStatus.CoSellReady));
        OfferRecord longer = await _offers.ReplaceAsync(created with { Current = created.Current! with { Reason = new string('r', 45_000) } }, created.ETag!);

        List<ReviewedOffer> listed = [];
        await foreach (ReviewedOffer offer in _offers.ListReviewedOfPartnersAsync(new OrganisationRange(null, partner, partner, 1)))
        {
            listed.Add(offer);
        }

        ReviewedOffer read = Assert.Single(listed, o => o.PartnerId == partner);
        await _offers.ReplaceStatusesAsync([read with { Current = read.Current with { Reason = "short", Status = CoSellStatus.CoSellIncentivized } }]);

        Assert.Equal(45_000, read.Current.Reason.Length);
        Assert.Equal(longer.ETag, read.ETag);
        OfferRecord stored = (await _offers.GetAsync(partner, "o-1"))!;
        Assert.Equal(("short", CoSellStatus.CoSellIncentivized), (stored.Current!.Reason, stored.Current.Status));
    }

    [Fact]
    public async Task RevenueListAsync_RangeOfOrganisations_ReturnsThatMonthsRowsInTheRangeOnly()
    {
        await _revenue.ImportAsync(Month, [.. new[] { "org-a", "org-b", "org-c", "org-d" }.Select(o => new OrganisationProfile(o, Month, 1_000m, [], false, false))]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile("org-b2", "2026-10", 1_000m, [], false, false)]);

        IReadOnlyList<OrganisationProfile> bounded = await _revenue.ListAsync(Month, new OrganisationRange("org-a", "org-c", "org-b", 2));
        IReadOnlyList<OrganisationProfile> open = await _revenue.ListAsync(Month, new OrganisationRange("org-c", null, "org-d", 1));

        Assert.Equal(["org-b", "org-c"], bounded.Select(r => r.OrganisationId));
        Assert.Equal(["org-d"], open.Select(r => r.OrganisationId));
        Assert.All(bounded, r => Assert.Equal(Month, r.Month));
    }

    [Fact]
    public async Task ReevaluateBatch_RealTables_GrantsFlagsAndRerunWritesNothingTwice()
    {
        string granted = OfferRecords.NewId("pg");
        string missing = OfferRecords.NewId("pm");
        OfferRecord grantedOffer = await _offers.CreateAsync(OfferRecords.Draft(granted).WithStatus(CoSellStatus.CoSellReady));
        OfferRecord missingOffer = await _offers.CreateAsync(OfferRecords.Draft(missing).WithStatus(CoSellStatus.CoSellIncentivized));
        await _revenue.ImportAsync(Month, [new OrganisationProfile(granted, Month, 150_000m, [], false, false)]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile(missing, "2026-10", 150_000m, [], false, false)]);
        await using SendGridCaptureServer sendGrid = await SendGridCaptureServer.StartAsync();
        var options = new SendGridOptions { ApiKey = "SG.reevaluation-table-test", FromAddress = "cosell@microsoft.example", Host = sendGrid.Host };
        var notifier = new SendGridNotifier(_tables, SendGridNotifier.CreateClient(options), Options.Create(options), TimeProvider.System);
        var activity = new ReevaluateBatchActivity(_offers, _revenue, _history, notifier);
        var batch = new ReevaluationBatchRequest(Month, InstanceId, RunAt, new OrganisationRange(null, null, granted, 1));

        ReevaluationBatchResult first = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterFirst = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;
        ReevaluationBatchResult second = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterSecond = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;

        Assert.Equal((Evaluated: 2, Granted: 1, MissingRevenue: 1, PartnersNotified: 1), (first.Evaluated, first.Granted, first.MissingRevenue, first.PartnersNotified));
        Assert.Equal((first.Granted, first.PartnersNotified), (second.Granted, second.PartnersNotified));
        Assert.Equal(first.Issues, second.Issues);
        CapturedMail mail = Assert.Single(sendGrid.Delivered);
        Assert.Equal($"{InstanceId}/partner-{granted}", mail.NotificationKey);
        Assert.Equal(CoSellStatus.CoSellIncentivized, afterFirst.Current!.Status);
        Assert.Equal(afterFirst.ETag, afterSecond.ETag);
        HistoryEntry entry = Assert.Single(await _history.ListAsync(grantedOffer.PartnerId, grantedOffer.OfferId));
        Assert.Equal($"reeval-{Month}-{grantedOffer.PartnerId}-{grantedOffer.OfferId}", entry.EntryId);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (entry.FromStatus, entry.ToStatus));
        Assert.Empty(await _history.ListAsync(missingOffer.PartnerId, missingOffer.OfferId));
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await _offers.GetAsync(missingOffer.PartnerId, missingOffer.OfferId))!.Current!.Status);
    }
}
