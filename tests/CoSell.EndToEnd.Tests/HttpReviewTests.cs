using System.Net;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.EndToEnd.Tests;

/// <summary>
/// The whole product over HTTP on the local host: draft, documents, contacts, revenue feed, Review and publish,
/// the reviewer's e-mailed link, the decision, the recorded status, the partner's mail and the history.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HttpReviewTests(EndToEndHost host) : IClassFixture<EndToEndHost>
{
    readonly CoSellApi _api = host.Api;

    [Fact]
    public async Task ReviewAndPublish_ReviewerApprovesFromTheMailedLink_OfferIsIncentivizedWithBenefitsMailAndHistory()
    {
        string offerId = "crm-approve";
        string partnerEmail = "owner-approve@contoso.example";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);

        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, partnerEmail);
        CapturedMail reviewerMail = await ReviewFlow.ReviewerMailAsync(_api, accepted.Id);
        Uri link = CoSellApi.ReviewLink(reviewerMail);
        using HttpResponseMessage page = await _api.Http.GetAsync(link);
        string pageHtml = await page.Content.ReadAsStringAsync();
        StatusResponse afterView = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        SubmissionStatusResponse submissionAfterView = await _api.WaitForSubmissionAsync(accepted.StatusQueryGetUri, EndToEndHost.PartnerKey,
            s => s.CustomStatus?.Stage != ReviewProgress.Validating, ReviewFlow.Patience);
        using HttpResponseMessage approve = await ReviewFlow.DecideAsync(_api, link, "approve", "Strong Azure story.");
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.Status == nameof(CoSellStatus.CoSellIncentivized) && !s.ReviewInProgress, ReviewFlow.Patience);
        CapturedMail partnerMail = await ReviewFlow.PartnerMailAsync(_api, accepted.Id, partnerEmail);
        HistoryResponse history = await _api.HistoryAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.Contains(offerId, reviewerMail.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(">Approve</button>", pageHtml, StringComparison.Ordinal);
        Assert.Equal(StatusResponse.NotSubmitted, afterView.Status);
        Assert.True(afterView.ReviewInProgress);
        Assert.Null(afterView.ReviewerApproved);
        Assert.Equal("Running", submissionAfterView.RuntimeStatus);
        Assert.Equal(ReviewProgress.AwaitingReview, submissionAfterView.CustomStatus?.Stage);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Contains("Decision recorded", await approve.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(final.ReviewerApproved);
        Assert.Equal(EndToEndHost.Reviewer, final.ChangedBy);
        Assert.Equal(
            new[] { BenefitIds.AzureBenefit, BenefitIds.CspIncentive, BenefitIds.PreferredBadge, BenefitIds.ServiceFee },
            final.Benefits.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Contains("20 % to 10 %", final.Benefits.Single(b => b.Id == BenefitIds.ServiceFee).Detail, StringComparison.Ordinal);
        Assert.All(final.Requirements.Where(r => r.Step < 4 && !r.Optional), r => Assert.True(r.Passed, $"{r.Id}: {r.Reason}"));
        Assert.True(final.Requirements.Single(r => r.Id == RequirementIds.AzureIpRevenue).Passed);
        Assert.True(final.Requirements.Single(r => r.Id == RequirementIds.AzureIpShare).Passed);
        Assert.Equal([IncentiveTrack.AzureIp], final.Tracks);
        Assert.Contains(StatusLabels.AzureIpEligible, final.Label, StringComparison.Ordinal);
        Assert.Contains("approved", partnerMail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("10 %", partnerMail.Text, StringComparison.Ordinal);
        Assert.Contains("Strong Azure story.", partnerMail.Text, StringComparison.Ordinal);
        HistoryKind[] kinds = [.. history.Entries.Select(e => e.Kind)];
        Assert.Equal(HistoryKind.DraftSaved, kinds[0]);
        AssertInOrder(kinds, HistoryKind.Submitted, HistoryKind.Validated, HistoryKind.ReviewRequested, HistoryKind.Reviewed, HistoryKind.StatusChanged);
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.StatusChanged && e.ToStatus == CoSellStatus.CoSellIncentivized && e.Actor == EndToEndHost.Reviewer);
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.Notified);
    }

    [Fact]
    public async Task ReviewAndPublish_ReviewerRejectsWithAComment_CommentIsInTheStatusReasonAndThePartnerMail()
    {
        string offerId = "crm-reject";
        string partnerEmail = "owner-reject@contoso.example";
        string comment = "The one-pager must name a customer outcome; please resubmit.";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);

        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, partnerEmail);
        Uri link = CoSellApi.ReviewLink(await ReviewFlow.ReviewerMailAsync(_api, accepted.Id));
        using HttpResponseMessage reject = await ReviewFlow.DecideAsync(_api, link, "reject", comment);
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.ReviewerApproved is not null && !s.ReviewInProgress, ReviewFlow.Patience);
        CapturedMail partnerMail = await ReviewFlow.PartnerMailAsync(_api, accepted.Id, partnerEmail);
        using HttpResponseMessage again = await ReviewFlow.DecideAsync(_api, link, "approve", "changed my mind");
        StatusResponse afterRepeat = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.False(final.ReviewerApproved);
        Assert.NotEqual(nameof(CoSellStatus.CoSellIncentivized), final.Status);
        Assert.Contains(comment, final.Reason, StringComparison.Ordinal);
        Assert.Contains(comment, partnerMail.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already decided", await again.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(final.Status, afterRepeat.Status);
        Assert.False(afterRepeat.ReviewerApproved);
    }

    [Fact]
    public async Task ReviewAndPublish_NoSalesContactForACountry_NotReadyWithTheReasonAndNoReviewerMail()
    {
        string offerId = "crm-no-de-contact";
        string partnerEmail = "owner-contacts@contoso.example";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, "Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Partner sales lead,Sales,US\n", "US", "DE");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);

        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, partnerEmail);
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.Status != StatusResponse.NotSubmitted && !s.ReviewInProgress, ReviewFlow.Patience);
        CapturedMail partnerMail = await ReviewFlow.PartnerMailAsync(_api, accepted.Id, partnerEmail);
        SubmissionStatusResponse submission = await _api.GetJsonAsync<SubmissionStatusResponse>(accepted.StatusQueryGetUri, EndToEndHost.PartnerKey);
        IReadOnlyList<CapturedMail> mail = await _api.MailAsync();

        Assert.Equal(nameof(CoSellStatus.NotReady), final.Status);
        RequirementResult contacts = Assert.Single(final.Requirements, r => r.Id == RequirementIds.Contacts);
        Assert.False(contacts.Passed);
        Assert.Contains("DE", contacts.Reason, StringComparison.Ordinal);
        Assert.Equal($"Automated checks failed: 1 requirement(s) not met ({contacts.Title}).", final.Reason);
        Assert.Equal("Completed", submission.RuntimeStatus);
        Assert.DoesNotContain(mail, m => CoSellApi.BelongsTo(m, accepted.Id) && m.To.Contains(EndToEndHost.Reviewer));
        Assert.Contains("DE", partnerMail.Text, StringComparison.Ordinal);
    }

    static void AssertInOrder(HistoryKind[] actual, params HistoryKind[] expected)
    {
        int at = 0;
        foreach (HistoryKind kind in expected)
        {
            int found = -1;
            for (int i = at; i < actual.Length; i++)
            {
                if (actual[i] == kind)
                {
                    found = i;
                    break;
                }
            }

            Assert.True(found >= 0, $"{kind} missing after position {at} in history [{string.Join(", ", actual)}].");
            at = found + 1;
        }
    }
}
