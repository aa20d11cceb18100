using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Messages;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CoSell.EndToEnd.Tests;

/// <summary>The reviewer page and the partner portal in a real headless Chromium against the local host.</summary>
[Trait("Category", "EndToEnd")]
public sealed class BrowserTests(EndToEndHost host) : IClassFixture<EndToEndHost>
{
    readonly CoSellApi _api = host.Api;

    [Fact]
    public async Task ReviewerPage_OpenedFromTheMailThenApproved_ViewChangesNothingClickDecidesAndReopenSaysAlreadyDecided()
    {
        string offerId = "crm-browser-review";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);
        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, "owner-browser@contoso.example");
        CapturedMail reviewerMail = await ReviewFlow.ReviewerMailAsync(_api, accepted.Id);
        Uri link = CoSellApi.ReviewLink(reviewerMail);

        await Browser.RunAsync("reviewer", async driver =>
        {
            await OpenFromMailboxAsync(driver, link);
            string heading = driver.FindElement(By.TagName("h1")).Text;
            IWebElement approve = Browser.Button(driver, "Approve");
            StatusResponse afterView = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
            SubmissionStatusResponse submissionAfterView = await _api.WaitForSubmissionAsync(accepted.StatusQueryGetUri, EndToEndHost.PartnerKey,
                s => s.CustomStatus?.Stage != ReviewProgress.Validating, ReviewFlow.Patience);

            approve.Click();
            string confirmation = Browser.Until(driver, d => d.FindElement(By.TagName("h1")).Text == "Decision recorded"
                ? d.FindElement(By.CssSelector("[role=status]")).Text : null, "the decision confirmation page");
            StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
                s => s.ReviewerApproved is not null && !s.ReviewInProgress, ReviewFlow.Patience);
            await OpenFromMailboxAsync(driver, link);
            string reopened = driver.FindElement(By.CssSelector("[role=status]")).Text;
            bool buttonsAfterDecision = driver.FindElements(By.XPath("//button[normalize-space(.)='Approve' or normalize-space(.)='Reject']")).Count > 0;

            Assert.Contains("Contoso CRM " + offerId, heading, StringComparison.Ordinal);
            Assert.Equal(StatusResponse.NotSubmitted, afterView.Status);
            Assert.True(afterView.ReviewInProgress);
            Assert.Null(afterView.ReviewerApproved);
            Assert.Equal(ReviewProgress.AwaitingReview, submissionAfterView.CustomStatus?.Stage);
            Assert.Contains("You approved", confirmation, StringComparison.Ordinal);
            Assert.Equal(nameof(CoSellStatus.CoSellIncentivized), final.Status);
            Assert.True(final.ReviewerApproved);
            Assert.Contains("already decided: Approved by " + EndToEndHost.Reviewer, reopened, StringComparison.Ordinal);
            Assert.False(buttonsAfterDecision);
        });
    }

    /// <summary>Opens the local mailbox page and clicks the review link in the reviewer's mail, as a reviewer would.</summary>
    async Task OpenFromMailboxAsync(ChromeDriver driver, Uri link)
    {
        await driver.Navigate().GoToUrlAsync(new Uri(host.Site, "/dev/mailbox"));
        driver.FindElements(By.TagName("a")).First(a => a.GetDomAttribute("href") == link.ToString()).Click();
        Browser.Until(driver, d => d.Url == link.ToString(), "the review page opened from the mailbox");
    }

    [Fact]
    public async Task PartnerPortal_DraftDocumentContactsThenReviewAndPublish_ShowsTheStatusWithEveryRequirementExplained()
    {
        string offerId = "portal-offer";
        await ReviewFlow.ImportRevenueAsync(_api, offerId);
        string pdf = Path.Combine(Directory.CreateTempSubdirectory("cosell-e2e-portal-").FullName, "portal-one-pager.pdf");
        await File.WriteAllBytesAsync(pdf, Documents.Pdf("Portal one-pager"));

        try
        {
            await Browser.RunAsync("portal", async driver =>
            {
                await driver.Navigate().GoToUrlAsync(new Uri(host.Site, "/portal/"));
                Browser.Until(driver, d => Browser.Labelled(d, "Partner key").GetDomProperty("value") is { Length: > 0 }, "the demo key in the key field");
                IWebElement offer = Browser.Labelled(driver, "Offer id");
                offer.Clear();
                offer.SendKeys(offerId);
                Browser.Button(driver, "Open offer").Click();
                Browser.Until(driver, d => d.FindElement(By.Id("message")).Text.StartsWith("New offer", StringComparison.Ordinal), "the new-offer message");

                Browser.Labelled(driver, "Offer name").SendKeys("Contoso Portal CRM");
                Browser.Labelled(driver, "Eligible countries").SendKeys("US, GB");
                IWebElement share = Browser.Labelled(driver, "Repeatable IP share");
                share.Clear();
                share.SendKeys("0.8");
                Browser.Labelled(driver, "Solution landing-page URL").SendKeys("https://www.contoso.example/portal-crm");
                Browser.Labelled(driver, "Social-media channel").SendKeys("https://www.linkedin.com/company/contoso-example");
                foreach (string box in new[] { "Transactable", "Configured for CSP", "Meets the marketplace", "Business profile", "Built on Azure" })
                {
                    Browser.Labelled(driver, box).Click();
                }

                Browser.Button(driver, "Save draft").Click();
                Browser.Until(driver, d => d.FindElement(By.Id("message")).Text.StartsWith("Draft saved", StringComparison.Ordinal), "the draft-saved message");
                Browser.Labelled(driver, "File").SendKeys(pdf);
                Browser.Button(driver, "Upload").Click();
                Browser.Until(driver, d => d.FindElement(By.Id("documents")).Text.Contains("portal-one-pager.pdf", StringComparison.Ordinal), "the uploaded one-pager in the list");
                IWebElement contacts = Browser.Labelled(driver, "Contacts as CSV");
                contacts.Clear();
                contacts.SendKeys("Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Partner manager,Sales,\"US,GB\"");
                Browser.Button(driver, "Import contacts").Click();
                Browser.Until(driver, d => d.FindElement(By.Id("contacts")).Text.Contains("ana@contoso.example", StringComparison.Ordinal), "the imported contact");
                Browser.Button(driver, "Review and publish").Click();
                string submission = Browser.Until(driver, d => d.FindElement(By.Id("submission")).Text is { Length: > 0 } text ? text : null, "the submission notice");

                CapturedMail reviewerMail = await _api.WaitForMailAsync(
                    m => m.To.Contains(EndToEndHost.Reviewer) && m.Text?.Contains(offerId, StringComparison.Ordinal) == true, ReviewFlow.Patience, "reviewer mail for the portal offer");
                using HttpResponseMessage approved = await ReviewFlow.DecideAsync(_api, CoSellApi.ReviewLink(reviewerMail), "approve", "Approved from the portal test.");
                approved.EnsureSuccessStatusCode();
                string label = Browser.Until(driver, d => d.FindElement(By.Id("status-label")).Text is var text && text.Contains("eligible", StringComparison.Ordinal) ? text : null,
                    "the portal to show the decided status");
                string[] rows = [.. driver.FindElements(By.CssSelector("#requirements tr")).Select(r => r.Text)];
                string benefits = driver.FindElement(By.Id("benefits")).Text;

                Assert.Contains("accepted", submission, StringComparison.Ordinal);
                Assert.Equal(StatusLabels.AzureIpEligible, label);
                Assert.Contains(rows, r => r.Contains("sales contact", StringComparison.OrdinalIgnoreCase) && r.Contains("Pass", StringComparison.Ordinal));
                Assert.Contains(rows, r => r.Contains("portal-one-pager.pdf", StringComparison.Ordinal));
                Assert.Contains(rows, r => r.Contains("Fail", StringComparison.Ordinal) && r.Contains("ISV Connect", StringComparison.Ordinal));
                Assert.All(rows, r => Assert.Matches(@"(Pass|Fail|Not met \(optional\)) \S", r));
                Assert.Contains("20 % to 10 %", benefits, StringComparison.Ordinal);
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(pdf)!, recursive: true);
        }
    }
}
