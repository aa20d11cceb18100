using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Notifications;

namespace CoSell.Workflow.Tests.Notifications;

public sealed class EmailTemplatesTests
{
    private static readonly DateTimeOffset DecidedAt = new(2026, 11, 3, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void PartnerNotReady_TwoFailures_ListsEveryFailedRequirementWithItsReason()
    {
        Evaluation evaluation = Evaluations.NotReady(
            ("3.one-pager", "The customer one-pager is missing."),
            ("3.contacts", "No sales contact for FR — every eligible country needs one."));

        EmailContent mail = EmailTemplates.PartnerNotReady(SubmissionBuilder.ValidIp().Build(), evaluation);

        Assert.Contains("Contoso CRM", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("The customer one-pager is missing.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("No sales contact for FR — every eligible country needs one.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("<li>Requirement 3.one-pager: The customer one-pager is missing.</li>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("publishing requirements", mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void PartnerNotReady_IncentiveTrackGap_IsListedApartFromWhatBlocksCoSellReady()
    {
        Evaluation blocked = Evaluations.NotReady(("3.contacts", "No sales contact for FR."));
        Evaluation evaluation = blocked with
        {
            Requirements = [.. blocked.Requirements, new RequirementResult("4.azure-ip.revenue", 4, "Azure IP revenue", false, "ACR TTM is 99,999.99 USD; 100,000.00 USD needed.")],
        };

        EmailContent mail = EmailTemplates.PartnerNotReady(SubmissionBuilder.ValidIp().Build(), evaluation);

        int blocking = mail.PlainText.IndexOf("No sales contact for FR.", StringComparison.Ordinal);
        int incentive = mail.PlainText.IndexOf("For co-sell incentivized", StringComparison.Ordinal);
        int gap = mail.PlainText.IndexOf("ACR TTM is 99,999.99 USD; 100,000.00 USD needed.", StringComparison.Ordinal);
        Assert.True(blocking >= 0 && incentive > blocking && gap > incentive, mail.PlainText);
    }

    [Fact]
    public void Templates_PartnerSuppliedMarkup_IsEncodedInHtmlAndKeptInPlainText()
    {
        const string name = "<script>alert('x')</script> & Co";
        Submission submission = SubmissionBuilder.ValidIp().WithName(name).Build();
        ReviewerDecision decision = ReviewerDecision.Reject(Reviews.Reviewer, "<b>nope</b>", DecidedAt);

        EmailContent[] mails =
        [
            EmailTemplates.PartnerNotReady(submission, Evaluations.NotReady(("3.landing-page", "<img src=x onerror=alert(1)>"))),
            EmailTemplates.ReviewerRequest(submission, Evaluations.Incentivized(), "https://cosell.example.com/review/abc", DecidedAt),
            EmailTemplates.ReviewerReminder(submission, Evaluations.Incentivized(), "https://cosell.example.com/review/abc", DecidedAt),
            EmailTemplates.PartnerOutcome(submission, Evaluations.NotReady(("review.decision", "<b>nope</b>")), ReviewResolution.Rejected, decision),
            EmailTemplates.ReviewerRecorded(submission, Evaluations.NotReady(), ReviewResolution.Rejected, decision),
        ];

        Assert.All(mails, mail =>
        {
            Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", mail.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", mail.Html, StringComparison.Ordinal);
            Assert.Contains(name, mail.PlainText, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ReviewerRequest_ShowsProposedStatusRequirementsLinkAndExpiry()
    {
        const string link = "https://cosell.example.com/review/tok.sig";

        EmailContent mail = EmailTemplates.ReviewerRequest(SubmissionBuilder.ValidIp().Build(), Evaluations.Incentivized(), link, new DateTimeOffset(2026, 11, 16, 9, 5, 0, TimeSpan.Zero));

        Assert.Contains("Proposed status: Azure IP co-sell eligible (CoSellIncentivized)", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("[pass] Azure IP revenue: ACR TTM is 150,000.00 USD.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains(link, mail.PlainText, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">", mail.Html, StringComparison.Ordinal);
        Assert.Contains("2026-11-16 09:05 UTC", mail.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Reminder", mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void PartnerOutcome_Approved_ShowsStatusLabelBenefitsAndComment()
    {
        ReviewerDecision decision = ReviewerDecision.Approve(Reviews.Reviewer, DecidedAt, "Great collateral.");

        EmailContent mail = EmailTemplates.PartnerOutcome(SubmissionBuilder.ValidIp().Build(), Evaluations.Incentivized(), ReviewResolution.Approved, decision);

        Assert.Contains("Azure IP co-sell eligible", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Co-sell status: Azure IP co-sell eligible (CoSellIncentivized).", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("Reduced marketplace service fee: The fee on billed sales drops from 20 % to 10 %.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("Reviewer's comment: Great collateral.", mail.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("/review/", mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewerRecorded_Expired_SaysNobodyDecided()
    {
        EmailContent mail = EmailTemplates.ReviewerRecorded(SubmissionBuilder.ValidIp().Build(), Evaluations.NotReady(), ReviewResolution.Expired, null);

        Assert.Contains("expired without a decision", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("Recorded status: In market (NotReady)", mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_OfferNameWithLineBreak_StaysOnOneLine()
    {
        EmailContent mail = EmailTemplates.PartnerNotReady(SubmissionBuilder.ValidIp().WithName("Contoso\r\nBcc: x@evil.example").Build(), Evaluations.NotReady());

        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
    }
}
