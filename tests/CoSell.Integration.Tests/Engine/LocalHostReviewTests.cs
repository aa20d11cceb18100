using System.Net;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;

namespace CoSell.Integration.Tests.Engine;

/// <summary>
/// The real review orchestration, activities, table and blob adapters composed by the local host, on the Azurite
/// engine, with mail landing in the local mailbox: everything but the HTTP routes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LocalHostReviewTests : IAsyncLifetime
{
    readonly string prefix = TestStorage.UniqueTaskHub("Rev")[..12];
    LocalHostUnderTest host = null!;
    WebApplication app = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHostUnderTest.StartAsync("Rev", LocalHostUnderTest.WholeProductOnOneSite(prefix));
        app = host.App;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Review_ApprovedOnTheLocalEngine_RecordsIncentivizedAndMailsEveryone()
    {
        Submission submission = await SeedAsync();
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        MailboxStore mailbox = app.Services.GetRequiredService<MailboxStore>();
        string id = WorkflowNames.ReviewInstanceId("contoso", submission.Offer.OfferId, submission.DraftVersion);
        ReviewRequest request = new(submission, "partner@contoso.example", DateTimeOffset.UtcNow)
        {
            Policy = new ReviewPolicy { Reviewers = ["reviewer@cosell.localhost"] },
        };

        await client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.CoSellReview, request, new StartOrchestrationOptions(id));
        OrchestrationMetadata waiting = await WaitAsync(client, id, m => m.ReadCustomStatusAs<ReviewProgress>()?.Stage == ReviewProgress.AwaitingReview);
        CapturedMail reviewerMail = Assert.Single(mailbox.List());
        await client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve("reviewer@cosell.localhost", DateTimeOffset.UtcNow, "Looks good"));
        OrchestrationMetadata done = await WaitAsync(client, id, m => m.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed);
        OfferRecord? stored = await app.Services.GetRequiredService<IOfferStore>().GetAsync("contoso", submission.Offer.OfferId);

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(["reviewer@cosell.localhost"], reviewerMail.To);
        Assert.Contains("/review/", reviewerMail.Text, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(CoSellStatus.CoSellIncentivized, done.ReadOutputAs<CoSellOutcome>()?.Status);
        Assert.Equal(CoSellStatus.CoSellIncentivized, stored?.Current?.Status);
        Assert.Contains(stored!.Current!.Collateral, f => f.FileName == "one-pager.pdf" && f.Valid);
        Assert.Contains(mailbox.List(), m => m.To.Contains("partner@contoso.example"));
    }

    async Task<Submission> SeedAsync()
    {
        string offerId = "crm";
        using MemoryStream pdf = new(OnePagePdf("Contoso CRM one-pager"));
        CollateralDocument onePager = await app.Services.GetRequiredService<ICollateralStore>()
            .UploadAsync("contoso", offerId, DocumentType.OnePager, "one-pager.pdf", pdf);
        Offer offer = new("contoso", offerId, "Contoso CRM", SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: true,
            EligibleCountries: ["US", "GB"], CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true,
            BuiltOnAzure: true, RepeatableIpShare: 0.8m);
        CoSellMaterials materials = new(
            [onePager],
            "https://contoso.example/crm",
            "https://contoso.example/case-study",
            [new SalesContact("Ana Silva", "ana@contoso.example", "Partner lead", "Sales", ["US", "GB"])]);
        OfferRecord created = await app.Services.GetRequiredService<IOfferStore>().CreateAsync(
            new OfferRecord(offer, materials, 1, DateTimeOffset.UtcNow, null, null));
        await app.Services.GetRequiredService<IRevenueStore>().ImportAsync(
            "2026-11", [new OrganisationProfile("contoso", "2026-11", 100_000.00m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false)]);
        return created.ToSubmission();
    }

    static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id, Func<OrchestrationMetadata, bool> until)
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));
        while (true)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, CancellationToken.None);
            if (state is not null && until(state))
            {
                return state;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>A one-page PDF with a valid cross-reference table.</summary>
    static byte[] OnePagePdf(string title)
    {
        string stream = $"BT /F1 24 Tf 72 700 Td ({title}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
        ];
        System.Text.StringBuilder pdf = new("%PDF-1.4\n");
        List<int> offsets = [];
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = pdf.Length;
        pdf.Append("xref\n0 6\n0000000000 65535 f \n");
        foreach (int offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
