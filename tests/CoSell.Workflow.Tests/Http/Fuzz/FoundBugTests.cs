using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CoSell.Workflow.Http;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>
/// The shrunk cases the generated tests found before the fixes (docs/reliability.md, scenario 6), kept as fixed
/// examples so they are tried on every run, whatever the seed.
/// </summary>
[Collection(FuzzSuite.Name)]
public sealed class FoundBugTests
{
    private const string Offer = $"/api/partners/{FuzzApp.Partner}/offers/{FuzzApp.Offer}";
    private const string ContactsHeader = "Name,Email,Job title,Role,Countries\n";

    private static readonly Dictionary<string, Func<FuzzApp, FuzzCase>> Examples = new(StringComparer.Ordinal)
    {
        ["contacts JSON: null country (was 500)"] = _ => Contacts("""[{"name":"Ana","email":"ana@contoso.example","countries":["US",null]}]""", "contacts[0].countries"),
        ["contacts JSON: null state (was 500)"] = _ => Contacts("""[{"name":"Ana","email":"ana@contoso.example","countries":["US"],"states":[null]}]""", "contacts[0].states"),
        ["draft: kind as a list (was saved as Container)"] = _ => Draft("kind", "\"AzureApplication, VirtualMachine\"", "kind", "Not an offer kind"),
        ["draft: a field twice (the last one won)"] = _ => Draft("name", "\"Other\"", "name", "more than once", twice: true),
        ["submit: submittedBy twice (started the review)"] = _ => Json(ApiRoutes.SubmitForReview, Offer + "/submissions", """{"submittedBy":"a@contoso.example","submittedBy":"b@contoso.example"}""", "submittedBy", "more than once"),
        ["draft: NUL in the name (was saved)"] = _ => Draft("name", "\"Contoso\\u0000Analytics\"", "name", "Control characters"),
        ["draft: line break in a URL (was saved)"] = _ => Draft("landingPageUrl", "\"https://contoso.example/a\\nb\"", "landingPageUrl", "Control characters"),
        ["draft: unknown field with an apostrophe (named another field)"] = _ => Draft("a'b", "1", null, "Unknown field 'a'b'"),
        ["draft: unpaired surrogate (said wrong type)"] = _ => Draft("name", "\"\\ud800\"", "name", "not valid Unicode"),
        ["contacts CSV: escape character inside a name (was saved)"] = _ => Csv(ApiRoutes.ImportContacts, Offer + "/contacts", Encoding.UTF8.GetBytes(ContactsHeader + "Ana\u001B[31mSilva,ana@contoso.example,,,US\n"), "line 2, Name", "Control characters"),
        ["contacts CSV: UTF-16 without BOM (listed garbled columns)"] = _ => Csv(ApiRoutes.ImportContacts, Offer + "/contacts", Encoding.Unicode.GetBytes(ContactsHeader + "Ana,ana@contoso.example,,,US\n"), "line 1", "UTF-16"),
        ["contacts CSV: NUL byte (was saved in the name)"] = _ => Csv(ApiRoutes.ImportContacts, Offer + "/contacts", Encoding.UTF8.GetBytes(ContactsHeader + "Ana\0,ana@contoso.example,,,US\n"), "line 2", "U+0000"),
        ["contacts CSV: one e-mail twice (pointed at contacts[0])"] = _ => Csv(ApiRoutes.ImportContacts, Offer + "/contacts", Encoding.UTF8.GetBytes(ContactsHeader + "Ana,ana@contoso.example,,,US\nBo,ana@contoso.example,,,CA\n"), "line 3, Email", "line 2"),
        ["revenue CSV: Latin-1 (no line named)"] = _ => Csv(ApiRoutes.UploadRevenue, $"/api/admin/revenue/{FuzzApp.Month}", Encoding.Latin1.GetBytes($"organisationId,month,acrTtmUsd\ncontoso,{FuzzApp.Month},1\nfabrikam\u00E9,{FuzzApp.Month},1\n"), "line 3", "UTF-8"),
        ["revenue CSV: amounts that overflow when summed (were stored)"] = _ => Csv(ApiRoutes.UploadRevenue, $"/api/admin/revenue/{FuzzApp.Month}", Encoding.UTF8.GetBytes($"organisationId,month,acrTtmUsd,billedRevenue\ncontoso,{FuzzApp.Month},0,saas:79228162514264337593543950335;vm:79228162514264337593543950335\n"), "line 2, billedRevenue", "largest amount"),
        ["revenue: month with a trailing line break (blamed every row)"] = _ => Csv(ApiRoutes.UploadRevenue, $"/api/admin/revenue/{FuzzApp.Month}\n", Encoding.UTF8.GetBytes(RouteRequests.RevenueCsv), "month", null),
        ["reevaluation: month with a trailing line break (started reeval-2026-08\\n)"] = f => new FuzzCase("reeval", RouteRequests.Valid(f, ApiRoutes.StartReevaluation, "month", FuzzApp.Month + "\n"), Refusal.Problem(400, "month")),
    };

    private readonly FuzzApp _fuzz;

    public FoundBugTests(FuzzApp fuzz) => _fuzz = fuzz;

    public static TheoryData<string> Cases => new(Examples.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task FoundBug_ShrunkExample_RefusedClearlyAndNothingChanges(string example) => _fuzz.AssertRefusedAsync(Examples[example](_fuzz));

    [Fact]
    public async Task SaveDraft_Utf8BomBeforeTheJson_Accepted()
    {
        FuzzAnswer answer = await _fuzz.SendAsync(FuzzRequest.For(ApiRoutes.SaveDraft, $"/api/partners/{FuzzApp.Partner}/offers/bom-draft").WithBody("application/json", "\uFEFF" + RouteRequests.DraftJson));

        Assert.Equal((int)HttpStatusCode.Created, answer.Status);
    }

    /// <summary>The valid draft with <paramref name="field"/> set to <paramref name="raw"/> (written first), or added a second time.</summary>
    private static FuzzCase Draft(string field, string raw, string? errorField, string says, bool twice = false)
    {
        JsonObject valid = JsonNode.Parse(RouteRequests.DraftJson)!.AsObject();
        if (!twice)
        {
            valid.Remove(field);
        }

        string body = "{" + JsonFaults.Literal(field) + ":" + raw + "," + valid.ToJsonString()[1..];
        return Json(ApiRoutes.SaveDraft, $"/api/partners/{FuzzApp.Partner}/offers/found-bug-draft", body, errorField, says);
    }

    private static FuzzCase Contacts(string json, string field) => Json(ApiRoutes.ImportContacts, Offer + "/contacts", json, field, null);

    private static FuzzCase Json(ApiRoute route, string path, string json, string? field, string? says)
        => new(route.Name, FuzzRequest.For(route, path).WithBody("application/json", json), Refusal.Problem(400, field, says));

    private static FuzzCase Csv(ApiRoute route, string path, byte[] csv, string field, string? says)
        => new(route.Name, FuzzRequest.For(route, path).WithBody("text/csv", csv), Refusal.Problem(400, field, says));
}
