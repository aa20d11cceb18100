using CoSell.Domain;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Reevaluation;

namespace CoSell.Workflow.Tests.Reevaluation;

public sealed class ReevaluationEmailsTests
{
    [Fact]
    public void PartnerChanges_GrantAndWithdrawal_ListsBothWithFiguresAndTheThreshold()
    {
        OfferReevaluation[] changes =
        [
            new("contoso", "crm", ReevaluationOutcome.Withdrawn, CoSellStatus.CoSellIncentivized, CoSellStatus.CoSellReady, "Contoso CRM", "pat@contoso.com", 80_000m),
            new("contoso", "analytics", ReevaluationOutcome.Granted, CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized, "Contoso Analytics", "pat@contoso.com", 80_000m),
        ];

        EmailContent mail = ReevaluationEmails.PartnerChanges("2026-11", "contoso", changes);

        Assert.Equal("Co-sell re-evaluation 2026-11: 1 granted, 1 withdrawn", mail.Subject);
        Assert.Contains("\"Contoso Analytics\" (analytics): now Co-sell incentivized (ACR TTM 80,000.00 USD).", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("\"Contoso CRM\" (crm): no longer Co-sell incentivized, now Co-sell ready (ACR TTM 80,000.00 USD).", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("100,000.00 USD", mail.PlainText, StringComparison.Ordinal);
        Assert.True(mail.PlainText.IndexOf("analytics", StringComparison.Ordinal) < mail.PlainText.IndexOf("(crm)", StringComparison.Ordinal), "Offers are not listed by id.");
    }

    [Fact]
    public void PartnerChanges_OfferNameWithMarkup_IsEncodedInHtml()
    {
        OfferReevaluation change = new("contoso", "crm", ReevaluationOutcome.Granted, CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized, "<script>alert(1)</script>", "pat@contoso.com", 150_000m);

        EmailContent mail = ReevaluationEmails.PartnerChanges("2026-11", "contoso", [change]);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("threshold", mail.PlainText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AdminSummary_IssuesBeyondTheList_SaysHowManyMore()
    {
        ReevaluationSummary summary = ReevaluationSummary.Empty("2026-11") with
        {
            Evaluated = 3,
            MissingRevenue = 1,
            Errors = 1,
            Issues =
            [
                new ReevaluationIssue("woodgrove", "wood-a", ReevaluationOutcome.MissingRevenue, "No revenue row for 2026-11; status CoSellReady kept."),
                new ReevaluationIssue("tailspin", null, ReevaluationOutcome.Error, "The partner e-mail failed after retries: 400."),
            ],
            IssuesNotListed = 7,
        };

        EmailContent mail = ReevaluationEmails.AdminSummary(summary);

        Assert.Equal("Co-sell re-evaluation 2026-11: 0 granted, 0 withdrawn, 2 need attention", mail.Subject);
        Assert.Contains("- woodgrove/wood-a (MissingRevenue): No revenue row for 2026-11; status CoSellReady kept.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("- tailspin (Error): The partner e-mail failed after retries: 400.", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("7 further issue(s) are not listed.", mail.PlainText, StringComparison.Ordinal);
    }
}
