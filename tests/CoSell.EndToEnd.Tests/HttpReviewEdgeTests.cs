using System.Net;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;

namespace CoSell.EndToEnd.Tests;

/// <summary>What users get wrong or do twice, over HTTP on the local host.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HttpReviewEdgeTests(EndToEndHost host) : IClassFixture<EndToEndHost>
{
    readonly CoSellApi _api = host.Api;

    [Fact]
    public async Task ReviewAndPublish_PressedTwiceForTheSameDraft_OneReviewAndOneReviewerMail()
    {
        string offerId = "crm-twice";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);

        SubmissionAccepted first = await ReviewFlow.SubmitAsync(_api, offerId, "owner-twice@contoso.example");
        SubmissionAccepted second = await ReviewFlow.SubmitAsync(_api, offerId, "owner-twice@contoso.example");
        await ReviewFlow.ReviewerMailAsync(_api, first.Id);
        HistoryResponse history = await _api.HistoryAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        IReadOnlyList<CapturedMail> mail = await _api.MailAsync();

        Assert.Equal(first, second);
        Assert.Single(mail, m => CoSellApi.BelongsTo(m, first.Id) && m.To.Contains(EndToEndHost.Reviewer));
        Assert.Single(history.Entries, e => e.Kind == HistoryKind.Submitted);
    }

    [Fact]
    public async Task ReviewLink_TamperedThenGenuine_TamperedIsRefusedAndRecordsNothingGenuineShowsTheUploadedOnePager()
    {
        string offerId = "crm-tamper";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);
        SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(_api, offerId, "owner-tamper@contoso.example");
        Uri link = CoSellApi.ReviewLink(await ReviewFlow.ReviewerMailAsync(_api, accepted.Id));
        Uri tampered = Tamper(link);

        using HttpResponseMessage tamperedPost = await ReviewFlow.DecideAsync(_api, tampered, "approve", "forged");
        StatusResponse afterTamper = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        string page = await _api.Http.GetStringAsync(link);
        using HttpResponseMessage document = await _api.Http.GetAsync(new Uri(link + "/documents/0"));
        byte[] served = await document.Content.ReadAsByteArrayAsync();
        using HttpResponseMessage reject = await ReviewFlow.DecideAsync(_api, link, "reject", string.Empty);
        string rejectPage = await reject.Content.ReadAsStringAsync();
        StatusResponse afterEmptyReject = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);
        using HttpResponseMessage approve = await ReviewFlow.DecideAsync(_api, link, "approve", "Genuine.");
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.ReviewerApproved is not null && !s.ReviewInProgress, ReviewFlow.Patience);

        Assert.Equal(HttpStatusCode.Forbidden, tamperedPost.StatusCode);
        Assert.True(afterTamper.ReviewInProgress);
        Assert.Null(afterTamper.ReviewerApproved);
        Assert.Contains("contoso-crm-one-pager.pdf", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(served, 0, 4));
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.BadRequest, reject.StatusCode);
        Assert.Contains("To reject, write a comment", rejectPage, StringComparison.Ordinal);
        Assert.True(afterEmptyReject.ReviewInProgress);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.True(final.ReviewerApproved);
    }

    [Fact]
    public async Task Resubmission_AfterARejectionTheDraftIsFixed_SecondReviewIsApprovedAndHistoryTellsBoth()
    {
        string offerId = "crm-resubmit";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        await ReviewFlow.ImportRevenueAsync(_api, offerId);
        SubmissionAccepted first = await ReviewFlow.SubmitAsync(_api, offerId, "owner-resubmit@contoso.example");
        Uri firstLink = CoSellApi.ReviewLink(await ReviewFlow.ReviewerMailAsync(_api, first.Id));
        using HttpResponseMessage rejected = await ReviewFlow.DecideAsync(_api, firstLink, "reject", "Add an evidence case study for GB.");
        await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId, s => s.ReviewerApproved == false && !s.ReviewInProgress, ReviewFlow.Patience);

        using HttpResponseMessage fixedUp = await _api.UploadAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId, "case-study", "gb-case-study.pdf", Documents.Pdf("GB case study"));
        SubmissionAccepted second = await ReviewFlow.SubmitAsync(_api, offerId, "owner-resubmit@contoso.example");
        Uri secondLink = CoSellApi.ReviewLink(await ReviewFlow.ReviewerMailAsync(_api, second.Id));
        using HttpResponseMessage oldLinkAgain = await ReviewFlow.DecideAsync(_api, firstLink, "approve", "wrong link");
        using HttpResponseMessage approved = await ReviewFlow.DecideAsync(_api, secondLink, "approve", "Thanks for the case study.");
        StatusResponse final = await _api.WaitForStatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId,
            s => s.ReviewerApproved == true && !s.ReviewInProgress, ReviewFlow.Patience);
        HistoryResponse history = await _api.HistoryAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.True(fixedUp.IsSuccessStatusCode);
        Assert.NotEqual(first.Id, second.Id);
        Assert.True(second.DraftVersion > first.DraftVersion);
        Assert.Equal(HttpStatusCode.Conflict, oldLinkAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(nameof(CoSellStatus.CoSellIncentivized), final.Status);
        Assert.Equal(second.DraftVersion, final.EvaluatedDraftVersion);
        Assert.Equal(2, history.Entries.Count(e => e.Kind == HistoryKind.Submitted));
        Assert.Equal(2, history.Entries.Count(e => e.Kind == HistoryKind.Reviewed));
        Assert.Contains(history.Entries, e => e.Kind == HistoryKind.StatusChanged && e.InstanceId == second.Id && e.ToStatus == CoSellStatus.CoSellIncentivized);
    }

    [Fact]
    public async Task OtherPartner_WithItsOwnValidKey_SeesNothingOfTheOfferAndCannotSubmitIt()
    {
        string offerId = "crm-private";
        await ReviewFlow.PrepareOfferAsync(_api, offerId, ReviewFlow.ContactsUsGb, "US", "GB");
        string path = CoSellApi.OfferPath(EndToEndHost.PartnerId, offerId);

        HttpStatusCode[] answers =
        [
            await StatusOfAsync(HttpMethod.Get, path),
            await StatusOfAsync(HttpMethod.Get, path + "/status"),
            await StatusOfAsync(HttpMethod.Get, path + "/history"),
            (await _api.SubmitAsync(EndToEndHost.PartnerId, EndToEndHost.OtherPartnerKey, offerId, "intruder@fabrikam.example")).StatusCode,
        ];
        StatusResponse owner = await _api.StatusAsync(EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
        Assert.Equal(StatusResponse.NotSubmitted, owner.Status);
        Assert.False(owner.ReviewInProgress);
    }

    async Task<HttpStatusCode> StatusOfAsync(HttpMethod method, string path)
    {
        using HttpResponseMessage response = await _api.SendAsync(method, path, EndToEndHost.OtherPartnerKey, null);
        return response.StatusCode;
    }

    /// <summary>The same link with one character of its signature changed.</summary>
    static Uri Tamper(Uri link)
    {
        string text = link.ToString();
        int at = text.LastIndexOf('.') + 5;
        char replacement = text[at] == 'A' ? 'B' : 'A';
        return new Uri(string.Concat(text.AsSpan(0, at), replacement.ToString(), text.AsSpan(at + 1)));
    }
}
