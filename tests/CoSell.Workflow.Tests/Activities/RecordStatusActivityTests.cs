using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Activities;

public sealed class RecordStatusActivityTests
{
    private const string InstanceId = "cosell-contoso.contoso-crm-1";
    private static readonly DateTimeOffset At = new(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryOfferStore offers = new();
    private readonly InMemoryHistoryStore history = new();

    [Fact]
    public async Task RecordStatus_Approved_WritesSnapshotAndAuditEntries()
    {
        Submission submission = SeedDraft();

        StatusRecordResult result = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        Assert.Equal(new StatusRecordResult(null, CoSellStatus.CoSellIncentivized, Superseded: false), result);
        OfferStatusSnapshot current = (await offers.GetAsync("contoso", "contoso-crm"))!.Current!;
        Assert.Equal(CoSellStatus.CoSellIncentivized, current.Status);
        Assert.Equal(InstanceId, current.InstanceId);
        Assert.Equal(Reviews.Reviewer, current.ChangedBy);
        Assert.True(current.ReviewerApproved);
        Assert.Equal(Reviews.Partner, current.PartnerEmail);
        Assert.Equal(submission, current.Submission);
        Assert.Equal(At, current.ChangedAt);
        Assert.Collection(
            history.All,
            e => Assert.Equal((HistoryKind.Reviewed, $"{InstanceId}-005", Reviews.Reviewer), (e.Kind, e.EntryId, e.Actor)),
            e =>
            {
                Assert.Equal((HistoryKind.StatusChanged, $"{InstanceId}-006"), (e.Kind, e.EntryId));
                Assert.Null(e.FromStatus);
                Assert.Equal(CoSellStatus.CoSellIncentivized, e.ToStatus);
            });
    }

    [Fact]
    public async Task RecordStatus_RunTwice_WritesOneSnapshotAndNoDuplicateHistory()
    {
        Submission submission = SeedDraft();

        StatusRecordResult first = await Activity().RunAsync(Approved(submission), CancellationToken.None);
        StatusRecordResult second = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, offers.Replaces);
        Assert.Equal(2, history.All.Count);
    }

    [Fact]
    public async Task RecordStatus_ConcurrentDraftSave_ReloadsAndKeepsTheOtherChange()
    {
        Submission submission = SeedDraft();
        offers.BeforeReplace = record =>
        {
            offers.BeforeReplace = null;
            offers.Seed(record with { Current = null, DraftVersion = 2, UpdatedAt = At.AddMinutes(-1) });
            return Task.CompletedTask;
        };

        StatusRecordResult result = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        OfferRecord stored = (await offers.GetAsync("contoso", "contoso-crm"))!;
        Assert.Equal(1, offers.Conflicts);
        Assert.Equal(2, stored.DraftVersion);
        Assert.Equal(CoSellStatus.CoSellIncentivized, stored.Current!.Status);
        Assert.Equal(1, stored.Current.DraftVersion);
        Assert.False(result.Superseded);
    }

    [Fact]
    public async Task RecordStatus_StatusChangesBetweenAttempts_AuditsTheStatusItReplaced()
    {
        Submission submission = SeedDraft();
        offers.BeforeReplace = record =>
        {
            offers.BeforeReplace = null;
            offers.Seed(record with { Current = Snapshot(submission, "reeval-2026-10", CoSellStatus.CoSellReady, draftVersion: 0) });
            return Task.CompletedTask;
        };

        StatusRecordResult result = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        Assert.Equal(CoSellStatus.CoSellReady, result.PreviousStatus);
        Assert.Equal(CoSellStatus.CoSellReady, Assert.Single(history.All, e => e.Kind == HistoryKind.StatusChanged).FromStatus);
        Assert.Equal(CoSellStatus.CoSellReady, (await offers.GetAsync("contoso", "contoso-crm"))!.Current!.PreviousStatus);
    }

    [Fact]
    public async Task RecordStatus_LaterDraftAlreadyRecorded_LeavesTheRowAlone()
    {
        Submission submission = SeedDraft();
        OfferRecord row = (await offers.GetAsync("contoso", "contoso-crm"))!;
        offers.Seed(row with { DraftVersion = 2, Current = Snapshot(submission, "cosell-contoso.contoso-crm-2", CoSellStatus.CoSellReady, draftVersion: 2) });

        StatusRecordResult result = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        Assert.True(result.Superseded);
        Assert.Equal("cosell-contoso.contoso-crm-2", (await offers.GetAsync("contoso", "contoso-crm"))!.Current!.InstanceId);
        Assert.Equal(0, offers.Replaces);
        Assert.DoesNotContain(history.All, e => e.Kind == HistoryKind.StatusChanged);
        Assert.Contains("later draft", Assert.Single(history.All, e => e.Kind == HistoryKind.Reviewed).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordStatus_SnapshotWrittenBeforeACrash_RetryCompletesTheAuditWithTheOldStatus()
    {
        Submission submission = SeedDraft();
        OfferRecord row = (await offers.GetAsync("contoso", "contoso-crm"))!;
        offers.Seed(row with { Current = Snapshot(submission, InstanceId, CoSellStatus.CoSellIncentivized, draftVersion: 1) with { PreviousStatus = CoSellStatus.CoSellReady } });

        StatusRecordResult result = await Activity().RunAsync(Approved(submission), CancellationToken.None);

        Assert.Equal(new StatusRecordResult(CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized, Superseded: false), result);
        Assert.Equal(0, offers.Replaces);
        HistoryEntry changed = Assert.Single(history.All, e => e.Kind == HistoryKind.StatusChanged);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (changed.FromStatus!.Value, changed.ToStatus!.Value));
    }

    [Fact]
    public async Task RecordStatus_ConflictEveryTime_ThrowsSoTheRetryPolicyRuns()
    {
        SeedDraft();
        offers.BeforeReplace = record =>
        {
            offers.Seed(record with { Current = null });
            return Task.CompletedTask;
        };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Activity().RunAsync(Approved(SubmissionBuilder.ValidIp().Build()), CancellationToken.None));

        Assert.Empty(history.All);
    }

    [Fact]
    public async Task RecordStatus_NoOfferRow_CreatesItWithTheStatus()
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        Evaluation failed = Evaluations.NotReady(("3.one-pager", "The customer one-pager is missing."));
        StatusRecordRequest request = new(InstanceId, Reviews.For(submission), failed, failed, ReviewResolution.AutomatedFailure, null, [], At);

        await Activity().RunAsync(request, CancellationToken.None);

        OfferRecord stored = (await offers.GetAsync("contoso", "contoso-crm"))!;
        Assert.Equal(CoSellStatus.NotReady, stored.Current!.Status);
        Assert.Equal(StatusRecorder.SystemActor, stored.Current.ChangedBy);
        HistoryEntry changed = Assert.Single(history.All);
        Assert.Equal(HistoryKind.StatusChanged, changed.Kind);
        Assert.Equal(["3.one-pager: The customer one-pager is missing."], changed.Evidence);
    }

    private RecordStatusActivity Activity() => new(new StatusRecorder(offers), history);

    private Submission SeedDraft()
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        offers.Seed(new OfferRecord(submission.Offer, submission.Materials, submission.DraftVersion, At.AddDays(-1), Current: null, ETag: null));
        return submission;
    }

    private static StatusRecordRequest Approved(Submission submission)
    {
        Evaluation proposed = Evaluations.Incentivized();
        return new StatusRecordRequest(
            InstanceId, Reviews.For(submission), proposed, proposed, ReviewResolution.Approved,
            ReviewerDecision.Approve(Reviews.Reviewer, At.AddMinutes(-5)), [], At);
    }

    private static OfferStatusSnapshot Snapshot(Submission submission, string instanceId, CoSellStatus status, int draftVersion)
    {
        Evaluation evaluation = status == CoSellStatus.CoSellIncentivized ? Evaluations.Incentivized() : Evaluations.Incentivized() with { Status = status, Tracks = [] };
        return new OfferStatusSnapshot(status, evaluation, instanceId, draftVersion, At.AddDays(-2), "someone", "earlier", true, Reviews.Partner, submission, []);
    }
}
