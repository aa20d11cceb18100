using System.Net;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;

namespace CoSell.EndToEnd.Tests;

/// <summary>The local host with review timings of seconds instead of days.</summary>
public sealed class ShortReviewHost() : EndToEndHost(new Dictionary<string, string?>
{
    ["Review:ReminderAfter"] = "00:00:02",
    ["Review:ExpireAfter"] = "00:00:06",
});

/// <summary>A reviewer who never answers: reminded, then the review expires and the link stops working.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ReviewTimeoutTests(ShortReviewHost host) : IClassFixture<ShortReviewHost>
{
    readonly CoSellApi _api = host.Api;

    [Fact]
    public async Task Review_ReviewerNeverAnswers_RemindedThenExpiredToNotReadyAndTheLinkNoLongerDecides()
    {
        string offerId = "crm-silent-reviewer";
        string partnerEmail = "owner-silent@contoso.example";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);

        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, partnerEmail);
        CapturedMail request = await ReviewFlow.ReviewerMailAsync(_api, accepted.Id);
        CapturedMail reminder = await _api.WaitForMailAsync(
            m => CoSellApi.BelongsTo(m, accepted.Id) && m.To.Contains(EndToEndHost.Reviewer) && m.Id != request.Id, ReviewFlow.Patience, "reviewer reminder");
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.Status != StatusResponse.NotSubmitted && !s.ReviewInProgress, ReviewFlow.Patience);
        CapturedMail partnerMail = await ReviewFlow.PartnerMailAsync(_api, accepted.Id, partnerEmail);
        using HttpResponseMessage page = await _api.Http.GetAsync(CoSellApi.ReviewLink(request));
        using HttpResponseMessage lateApprove = await ReviewFlow.DecideAsync(_api, CoSellApi.ReviewLink(reminder), "approve", "Sorry, I was away.");
        StatusResponse afterLateApprove = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        HistoryResponse history = await _api.HistoryAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.Contains("/review/", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(nameof(CoSellStatus.NotReady), final.Status);
        Assert.False(final.ReviewerApproved == true);
        RequirementResult decision = Assert.Single(final.Requirements, r => r.Id == RequirementIds.ReviewDecision);
        Assert.False(decision.Passed);
        Assert.Contains("expired", decision.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expired", partnerMail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, lateApprove.StatusCode);
        Assert.Equal(nameof(CoSellStatus.NotReady), afterLateApprove.Status);
        Assert.False(afterLateApprove.ReviewerApproved == true);
        Assert.Equal(final.ChangedAt, afterLateApprove.ChangedAt);
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.ReviewReminded);
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.ReviewExpired);
        Assert.DoesNotContain(history.Entries, e => e.Kind == HistoryKind.Reviewed);
    }
}
