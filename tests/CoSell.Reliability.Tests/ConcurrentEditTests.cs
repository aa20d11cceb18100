using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoSell.Workflow.Ports;

namespace CoSell.Reliability.Tests;

/// <summary>Scenario 3: two editors save the same draft version at once with If-Match: one wins, the other hears 412.</summary>
[Trait("Category", "Reliability")]
public sealed class ConcurrentEditTests : IAsyncLifetime
{
    const int Rounds = 5;
    ReliabilityHost host = null!;

    public async Task InitializeAsync() => host = await ReliabilityHost.StartAsync("Edit");

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task SaveDraft_TwoEditorsWithTheSameETag_One200One412AndTheWinnersFieldsStored()
    {
        string offerId = "edits";
        string etag = await host.CreateOfferAsync(offerId);

        for (int round = 0; round < Rounds; round++)
        {
            OfferRecord before = (await host.Offers.GetAsync(ReliabilityHost.PartnerId, offerId))!;
            int savesBefore = await DraftSavesAsync(offerId);
            string nameA = $"Editor A round {round}", nameB = $"Editor B round {round}";
            (HttpResponseMessage a, HttpResponseMessage b) = await Together.RunAsync(
                () => host.PartnerSendAsync(HttpMethod.Put, ReliabilityHost.OfferPath(offerId), JsonContent.Create(ReliabilityHost.Draft(nameA)), etag),
                () => host.PartnerSendAsync(HttpMethod.Put, ReliabilityHost.OfferPath(offerId), JsonContent.Create(ReliabilityHost.Draft(nameB)), etag));
            using (a)
            using (b)
            {
                HttpResponseMessage winner = a.StatusCode == HttpStatusCode.OK ? a : b;
                OfferRecord after = (await host.Offers.GetAsync(ReliabilityHost.PartnerId, offerId))!;

                Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], new[] { a.StatusCode, b.StatusCode }.Order());
                Assert.Equal(winner == a ? nameA : nameB, after.Offer.Name);
                Assert.Equal(before.DraftVersion + 1, after.DraftVersion);
                Assert.Equal(savesBefore + 1, await DraftSavesAsync(offerId));
                Assert.Equal(winner.Headers.ETag?.ToString(), await CurrentETagAsync(offerId));
                etag = winner.Headers.ETag!.ToString();
            }
        }
    }

    [Fact]
    public async Task Edit_DraftFieldsAndContactsImportWithTheSameETag_OneWinsOne412AndNothingOverwritten()
    {
        string offerId = "fields-vs-contacts";
        string etag = await host.CreateOfferAsync(offerId);

        for (int round = 0; round < Rounds; round++)
        {
            OfferRecord before = (await host.Offers.GetAsync(ReliabilityHost.PartnerId, offerId))!;
            string name = $"Renamed in round {round}";
            string contactEmail = $"round{round}@contoso.example";
            using var csv = new StringContent($"Name,Email,Job title,Role,Countries\nRound {round},{contactEmail},Lead,Sales,US\n", Encoding.UTF8, "text/csv");
            (HttpResponseMessage fields, HttpResponseMessage contacts) = await Together.RunAsync(
                () => host.PartnerSendAsync(HttpMethod.Put, ReliabilityHost.OfferPath(offerId), JsonContent.Create(ReliabilityHost.Draft(name)), etag),
                () => host.PartnerSendAsync(HttpMethod.Put, ReliabilityHost.OfferPath(offerId) + "/contacts", csv, etag));
            using (fields)
            using (contacts)
            {
                bool fieldsWon = fields.IsSuccessStatusCode;
                OfferRecord after = (await host.Offers.GetAsync(ReliabilityHost.PartnerId, offerId))!;

                Assert.NotEqual(fields.IsSuccessStatusCode, contacts.IsSuccessStatusCode);
                Assert.Equal(HttpStatusCode.PreconditionFailed, fieldsWon ? contacts.StatusCode : fields.StatusCode);
                Assert.Equal(fieldsWon ? name : before.Offer.Name, after.Offer.Name);
                Assert.Equal(fieldsWon ? before.Materials.Contacts.Single().Email : contactEmail, after.Materials.Contacts.Single().Email);
                Assert.Equal(before.DraftVersion + 1, after.DraftVersion);
                etag = (fieldsWon ? fields : contacts).Headers.ETag!.ToString();
            }
        }
    }

    async Task<int> DraftSavesAsync(string offerId)
        => (await host.History.ListAsync(ReliabilityHost.PartnerId, offerId)).Count(h => h.Kind == HistoryKind.DraftSaved);

    async Task<string?> CurrentETagAsync(string offerId)
    {
        using HttpResponseMessage response = await host.PartnerSendAsync(HttpMethod.Get, ReliabilityHost.OfferPath(offerId));
        return response.Headers.ETag?.ToString();
    }
}
