using System.Globalization;
using System.Net;
using System.Text.Json;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;

namespace CoSell.EndToEnd.Tests;

/// <summary>The local host with an admin who receives the monthly re-evaluation summary.</summary>
public sealed class ReevaluationHost() : EndToEndHost(new Dictionary<string, string?>
{
    ["Reevaluation:Admins:0"] = ReevaluationTests.Admin,
});

/// <summary>The monthly ACR re-evaluation started through the admin route, after a real review.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ReevaluationTests(ReevaluationHost host) : IClassFixture<ReevaluationHost>
{
    public const string Admin = "cosell-admin@cosell.localhost";

    readonly CoSellApi _api = host.Api;

    [Fact]
    public async Task Reevaluation_AcrFallsBelowTheThresholdAfterApproval_IncentiveWithdrawnPartnerAndAdminMailed()
    {
        string offerId = "crm-reeval";
        string partnerEmail = "owner-reeval@contoso.example";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);
        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, partnerEmail);
        using HttpResponseMessage approved = await ReviewFlow.DecideAsync(_api, CoSellApi.ReviewLink(await ReviewFlow.ReviewerMailAsync(_api, accepted.Id)), "approve", "Approved.");
        StatusResponse incentivized = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.ReviewerApproved == true && !s.ReviewInProgress, ReviewFlow.Patience);
        string month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using HttpResponseMessage revenue = await _api.ImportRevenueAsync(EndToEndHost.AdminKey, month,
            $"organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue\ncontoso,{month},50000.00,false,false,{offerId}:20000\n");
        Assert.True(revenue.IsSuccessStatusCode, await revenue.Content.ReadAsStringAsync());

        using HttpResponseMessage start = await StartAsync(month);
        using HttpResponseMessage startAgain = await StartAsync(month);
        ReevaluationStatusResponse run = await WaitForRunAsync(month);
        StatusResponse after = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        string instance = "reeval-" + month;
        CapturedMail partnerMail = await _api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, instance) && m.To.Contains(partnerEmail), ReviewFlow.Patience, "partner re-evaluation mail");
        CapturedMail adminMail = await _api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, instance) && m.To.Contains(Admin), ReviewFlow.Patience, "admin summary mail");
        HistoryResponse history = await _api.HistoryAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.Equal(nameof(CoSellStatus.CoSellIncentivized), incentivized.Status);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, startAgain.StatusCode);
        Assert.Equal("Completed", run.RuntimeStatus);
        ReevaluationSummary? summary = run.Output?.Deserialize<ReevaluationSummary>(ApiJson.Options);
        Assert.Equal(1, summary?.Withdrawn);
        Assert.Equal(1, summary?.PartnersNotified);
        Assert.Equal(nameof(CoSellStatus.CoSellReady), after.Status);
        Assert.DoesNotContain(after.Benefits, b => b.Id == BenefitIds.ServiceFee);
        Assert.False(after.Requirements.Single(r => r.Id == RequirementIds.AzureIpRevenue).Passed);
        Assert.Contains("50,000.00", after.Requirements.Single(r => r.Id == RequirementIds.AzureIpRevenue).Reason, StringComparison.Ordinal);
        Assert.Contains(offerId, partnerMail.Text, StringComparison.Ordinal);
        Assert.Contains(month, adminMail.Subject + adminMail.Text, StringComparison.Ordinal);
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.Reevaluated && e.FromStatus == CoSellStatus.CoSellIncentivized && e.ToStatus == CoSellStatus.CoSellReady);
    }

    async Task<HttpResponseMessage> StartAsync(string month)
        => await _api.SendAsync(HttpMethod.Post, $"/api/admin/reevaluations/{month}", EndToEndHost.AdminKey, null, "X-Admin-Key");

    async Task<ReevaluationStatusResponse> WaitForRunAsync(string month)
    {
        DateTime deadline = DateTime.UtcNow + ReviewFlow.Patience;
        while (true)
        {
            using HttpResponseMessage response = await _api.SendAsync(HttpMethod.Get, $"/api/admin/reevaluations/{month}", EndToEndHost.AdminKey, null, "X-Admin-Key");
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET re-evaluation answered {(int)response.StatusCode}: {body}");
            ReevaluationStatusResponse run = JsonSerializer.Deserialize<ReevaluationStatusResponse>(body, ApiJson.Options)!;
            if (run.RuntimeStatus is "Completed" or "Failed" or "Terminated")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The re-evaluation of {month} did not finish: {body}");
            await Task.Delay(250);
        }
    }
}
