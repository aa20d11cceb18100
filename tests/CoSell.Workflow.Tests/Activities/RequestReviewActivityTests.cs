using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;
using CoSell.Workflow.Tests.Orchestration;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Tests.Activities;

public sealed class RequestReviewActivityTests
{
    private const string InstanceId = "cosell-contoso.contoso-crm-1";
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 2, 9, 5, 0, TimeSpan.Zero);

    private readonly InMemoryReviewTokenStore tokens = new();
    private readonly FakeReviewLinkSigner signer = new();
    private readonly RecordingNotifier notifier = new();

    [Fact]
    public async Task RequestReview_TwoReviewers_StoresATokenAndMailsEachTheirOwnLink()
    {
        ReviewLinkRequest request = Request(isReminder: false);

        ReviewLinkResult result = await Activity().RunAsync(request, CancellationToken.None);

        Assert.Equal(2, result.Receipts.Count);
        Assert.Equal(["tok-a", "tok-b"], tokens.All.Select(t => t.TokenId).Order());
        ReviewTokenRecord stored = Assert.Single(tokens.All, t => t.TokenId == "tok-a");
        Assert.Equal(new ReviewTokenRecord("tok-a", InstanceId, "contoso", "contoso-crm", Reviews.Reviewer, IssuedAt, IssuedAt.AddDays(14), OfferName: request.Submission.Offer.Name), stored with { ETag = null });
        NotificationRequest first = Assert.Single(notifier.ForStep("review-request-1"));
        NotificationRequest second = Assert.Single(notifier.ForStep("review-request-2"));
        Assert.Equal([Reviews.Reviewer], first.To);
        Assert.Equal([Reviews.SecondReviewer], second.To);
        Assert.Equal(TokenFailure.None, signer.Verify(ReviewScenario.TokenIn(first), IssuedAt, out ReviewTokenClaims? claims));
        Assert.Equal(new ReviewTokenClaims("tok-a", InstanceId, Reviews.Reviewer, IssuedAt.AddDays(14)), claims);
        Assert.DoesNotContain(ReviewScenario.TokenIn(first), second.PlainText, StringComparison.Ordinal);
        Assert.Contains("2026-11-16 09:05 UTC", first.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestReview_RunTwice_DoesNotDuplicateTokensOrMails()
    {
        await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        ReviewLinkResult again = await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        Assert.All(again.Receipts, r => Assert.True(r.AlreadySent));
        Assert.Equal(2, tokens.All.Count);
        Assert.Equal(2, notifier.Sent.Count);
    }

    [Fact]
    public async Task RequestReview_Reminder_ResendsTheSameLinkUnderTheReminderStep()
    {
        await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        await Activity().RunAsync(Request(isReminder: true), CancellationToken.None);

        NotificationRequest reminder = Assert.Single(notifier.ForStep("review-reminder-1"));
        Assert.StartsWith("Reminder", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal(ReviewScenario.TokenIn(Assert.Single(notifier.ForStep("review-request-1"))), ReviewScenario.TokenIn(reminder));
        Assert.Equal(2, tokens.All.Count);
    }

    [Theory]
    [InlineData("https://cosell.example.com")]
    [InlineData("https://cosell.example.com/")]
    public void ReviewLink_BaseUrl_PointsAtTheReviewRouteWithTheTokenEscaped(string baseUrl)
    {
        Assert.Equal("https://cosell.example.com/review/a%2Bb.c", RequestReviewActivity.ReviewLink(baseUrl, "a+b.c"));
    }

    private RequestReviewActivity Activity()
        => new(tokens, signer, notifier, Options.Create(new ReviewOptions { PublicBaseUrl = WorkflowHost.PublicBaseUrl, Reviewers = [Reviews.Reviewer] }));

    private static ReviewLinkRequest Request(bool isReminder)
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        return new ReviewLinkRequest(
            InstanceId, submission, Evaluations.Incentivized(),
            [new ReviewInvitation(Reviews.Reviewer, "tok-a"), new ReviewInvitation(Reviews.SecondReviewer, "tok-b")],
            IssuedAt, IssuedAt.AddDays(14), isReminder);
    }
}
