using System.Text.Json;
using CoSell.Domain;
using CoSell.Workflow.Http;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Generated JSON bodies for SaveDraft, SubmitForReview and ImportContacts: malformed, wrong types, missing, unknown, repeated, too long, odd Unicode.</summary>
[Collection(FuzzSuite.Name)]
public sealed class JsonBodyFuzzTests
{
    private const int DraftCases = 250;
    private const int SubmitCases = 100;
    private const int ContactCases = 200;
    private const int UnicodeCases = 40;
    private const string Json = "application/json";
    private const string Offer = $"/api/partners/{FuzzApp.Partner}/offers/{FuzzApp.Offer}";

    private static int _uniqueOffers;
    private readonly FuzzApp _fuzz;

    public JsonBodyFuzzTests(FuzzApp fuzz) => _fuzz = fuzz;

    [Fact]
    public Task SaveDraft_GeneratedBadBody_400NamingTheFieldAndNothingSaved()
    {
        FuzzRequest replace = FuzzRequest.For(ApiRoutes.SaveDraft, Offer).WithHeader("If-Match", _fuzz.App.Offers.Find(FuzzApp.Partner, FuzzApp.Offer)!.ETag!);
        Gen<BodyFault> managedElsewhere = Gen.Select(Gen.OneOfConst("documents", "contacts"), Gen.OneOfConst("[]", "{}", "1", "\"x\"", "[{\"type\":\"OnePager\"}]"), (field, raw) =>
            new BodyFault($"{field} in the draft", System.Text.Encoding.UTF8.GetBytes(RouteRequests.DraftJson[..^1] + $",\"{field}\":{raw}}}"), field, "not by the draft"));

        Gen<FuzzCase> cases = Gen.Select(
            Gen.Frequency((12, JsonFaults.ForObject(JsonFields.Draft, ["documents", "contacts"], "body")), (1, managedElsewhere)),
            Gen.Bool,
            (fault, existing) => fault.To(existing ? replace : NewDraft(), Json));

        return _fuzz.RefusesAllAsync(cases, DraftCases);
    }

    /// <summary>A draft that does not exist yet: a valid body would create it (each case its own, so one bad case cannot hide the next).</summary>
    private static FuzzRequest NewDraft() => FuzzRequest.For(ApiRoutes.SaveDraft, $"/api/partners/{FuzzApp.Partner}/offers/new-draft-{Interlocked.Increment(ref _uniqueOffers)}");

    [Fact]
    public Task SubmitForReview_GeneratedBadBody_400NamingTheFieldAndNoReviewStarted()
    {
        FuzzRequest submit = FuzzRequest.For(ApiRoutes.SubmitForReview, Offer + "/submissions");

        Gen<FuzzCase> cases = JsonFaults.ForObject(JsonFields.Submit, [], "body").Select(fault => fault.To(submit, Json));

        return _fuzz.RefusesAllAsync(cases, SubmitCases);
    }

    [Fact]
    public Task ImportContacts_GeneratedBadJson_400NamingTheContactAndFieldAndNothingImported()
    {
        FuzzRequest import = FuzzRequest.For(ApiRoutes.ImportContacts, Offer + "/contacts");

        Gen<FuzzCase> cases = JsonFaults.ForArray(JsonFields.Contact, "contacts", FuzzApp.Limits.MaxContacts).Select(fault => fault.To(import, Json));

        return _fuzz.RefusesAllAsync(cases, ContactCases);
    }

    [Fact]
    public Task SaveDraft_OddUnicodeInTheName_StoredAndReturnedExactly()
    {
        Gen<(string Name, bool Escaped, bool Bom)> names = Gen.Select(
            Gen.OneOfConst(Hostile.OddUnicode).Array[1, 3].Select(parts => "Contoso " + string.Concat(parts) + " Analytics"),
            Gen.Bool,
            Gen.Bool);

        return names.CheckAsync(
            async x =>
            {
                string offerId = NewDraft().Path.Split('/')[^1];
                string name = x.Escaped ? JsonFaults.Literal(x.Name) : "\"" + x.Name + "\"";
                string body = (x.Bom ? "\uFEFF" : string.Empty) + RouteRequests.DraftJson.Replace("\"Contoso Analytics\"", name, StringComparison.Ordinal);

                FuzzAnswer saved = await _fuzz.SendAsync(FuzzRequest.For(ApiRoutes.SaveDraft, $"/api/partners/{FuzzApp.Partner}/offers/{offerId}").WithBody(Json, body));

                Assert.True(saved.Status == 201, $"Expected 201, got {saved}");
                Assert.Equal(x.Name, JsonDocument.Parse(saved.Body).RootElement.GetProperty("name").GetString());
                Assert.Equal(x.Name, _fuzz.App.Offers.Find(FuzzApp.Partner, offerId)!.Offer.Name);
            },
            UnicodeCases,
            x => FuzzRequest.Visible(x.Name, 200) + $" escaped={x.Escaped} bom={x.Bom}");
    }

    [Fact]
    public Task ImportContacts_OddUnicodeInTextFields_StoredExactly()
    {
        Gen<string> texts = Gen.OneOfConst(Hostile.OddUnicode).Array[1, 3].Select(parts => "Ana " + string.Concat(parts) + " Silva");

        return texts.CheckAsync(
            async text =>
            {
                string body = $$"""[{"name":{{JsonFaults.Literal(text)}},"email":"ana@contoso.example","jobTitle":{{JsonFaults.Literal(text)}},"countries":["US"],"states":[{{JsonFaults.Literal(text)}}]}]""";

                FuzzAnswer imported = await _fuzz.SendAsync(FuzzRequest.For(ApiRoutes.ImportContacts, $"/api/partners/{FuzzApp.Partner}/offers/{FuzzApp.CsvTarget}/contacts").WithBody(Json, body));

                Assert.True(imported.Status == 200, $"Expected 200, got {imported}");
                SalesContact stored = Assert.Single(_fuzz.App.Offers.Find(FuzzApp.Partner, FuzzApp.CsvTarget)!.Materials.Contacts);
                Assert.Equal((text, text, text), (stored.Name, stored.JobTitle, Assert.Single(stored.States!)));
            },
            UnicodeCases,
            text => FuzzRequest.Visible(text, 200));
    }
}
