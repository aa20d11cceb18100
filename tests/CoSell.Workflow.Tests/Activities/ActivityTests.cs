using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Activities;

public sealed class ActivityTests
{
    [Fact]
    public async Task ValidateCollateral_OneInvalidDocument_ReturnsOneFindingPerDocumentInOrder()
    {
        var builder = SubmissionBuilder.ValidIp();
        Submission submission = builder.Build();
        var store = new FakeCollateralStore();
        store.MarkInvalid(builder.BlobName(DocumentType.Presentation), "The file is encrypted.");

        IReadOnlyList<CollateralFinding> findings = await new ValidateCollateralActivity(store).RunAsync(submission, CancellationToken.None);

        Assert.Equal(submission.Materials.Documents.Select(d => (d.Type, d.FileName)), findings.Select(f => (f.Type, f.FileName)));
        Assert.Equal([true, false, true], findings.Select(f => f.Valid));
        Assert.Equal("The file is encrypted.", findings[1].Reason);
    }

    [Fact]
    public async Task ValidateCollateral_TwelveDocuments_InspectsAtMostFourAtOnce()
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        List<CollateralDocument> documents = [.. Enumerable.Range(1, 12).Select(i => new CollateralDocument(DocumentType.CaseStudy, $"case-{i}.pdf", $"contoso/contoso-crm/casestudy/case-{i}.pdf", 1000))];
        submission = submission with { Materials = submission.Materials with { Documents = documents } };
        var store = new FakeCollateralStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };

        Task<IReadOnlyList<CollateralFinding>> run = new ValidateCollateralActivity(store).RunAsync(submission, CancellationToken.None);
        await store.InspectionStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        store.Gate.SetResult();
        IReadOnlyList<CollateralFinding> findings = await run;

        Assert.Equal(12, findings.Count);
        Assert.Equal(12, store.Inspections);
        Assert.InRange(store.MaxConcurrentInspections, 1, ValidateCollateralActivity.MaxParallelInspections);
    }

    [Fact]
    public async Task EvaluateThresholds_NoRevenueRow_ReturnsAnEmptyProfileWithoutMonth()
    {
        OrganisationProfile profile = await new EvaluateThresholdsActivity(new InMemoryRevenueStore()).RunAsync("contoso", CancellationToken.None);

        Assert.Equal(new OrganisationProfile("contoso", null, 0m, [], false, false), profile with { Solutions = [] });
        Assert.Empty(profile.Solutions);
    }

    [Fact]
    public async Task EvaluateThresholds_SeveralMonths_ReturnsTheLatest()
    {
        var revenue = new InMemoryRevenueStore();
        await revenue.ImportAsync("2026-09", [Organisations.WithAcr("contoso", 90_000m)]);
        await revenue.ImportAsync("2026-10", [Organisations.WithAcr("contoso", 120_000m)]);

        OrganisationProfile profile = await new EvaluateThresholdsActivity(revenue).RunAsync("contoso", CancellationToken.None);

        Assert.Equal(("2026-10", 120_000m), (profile.Month, profile.AcrTtmUsd));
    }

    [Fact]
    public async Task RecordHistory_SameEntryTwice_StoresItOnce()
    {
        var history = new InMemoryHistoryStore();
        var entry = new HistoryEntry("contoso", "contoso-crm", "cosell-contoso.contoso-crm-1-001", Reviews.SubmittedAt, HistoryKind.Submitted, Reviews.Partner, "Submitted.");
        var activity = new RecordHistoryActivity(history);

        await activity.RunAsync(entry, CancellationToken.None);
        string id = await activity.RunAsync(entry, CancellationToken.None);

        Assert.Equal(entry.EntryId, id);
        Assert.Equal(entry, Assert.Single(history.All));
    }

    [Fact]
    public async Task SendNotification_SentTwice_TheSecondIsAlreadySent()
    {
        var notifier = new RecordingNotifier();
        var activity = new SendNotificationActivity(notifier);
        var request = new NotificationRequest("i-1", "partner-outcome", [Reviews.Partner], "Subject", "Text", "<p>Text</p>");

        NotificationReceipt first = await activity.RunAsync(request, CancellationToken.None);
        NotificationReceipt second = await activity.RunAsync(request, CancellationToken.None);

        Assert.False(first.AlreadySent);
        Assert.True(second.AlreadySent);
        Assert.Equal(request, Assert.Single(notifier.Sent));
    }
}
