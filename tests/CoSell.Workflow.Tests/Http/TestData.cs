using System.Text.Json;
using System.Text.Json.Nodes;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http;

/// <summary>Valid defaults for drafts and stored offers; tests change only what they are about.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 8, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A complete, valid SaveDraft body.</summary>
    public static JsonObject DraftBody() => new()
    {
        ["name"] = "Contoso Analytics",
        ["solutionType"] = "IpSolution",
        ["kind"] = "SaaS",
        ["eligibleCountries"] = new JsonArray("US", "CA"),
        ["isTransactable"] = true,
        ["cspConfigured"] = true,
        ["meetsPublishingRequirements"] = true,
        ["businessProfileComplete"] = true,
        ["builtOnAzure"] = true,
        ["repeatableIpShare"] = 0.8m,
        ["landingPageUrl"] = "https://contoso.example/analytics",
        ["socialOrEvidenceUrl"] = "https://www.linkedin.com/company/contoso",
    };

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        body[field] = value;
        return body;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        body.Remove(field);
        return body;
    }

    /// <summary>A stored offer ready for review: documents, contacts for every country and both URLs.</summary>
    public static OfferRecord Offer(string partnerId = "contoso", string offerId = "analytics", int draftVersion = 1)
        => new(
            new Offer(partnerId, offerId, "Contoso Analytics", SolutionType.IpSolution, OfferKind.SaaS, true, ["US", "CA"], true, true, true, true, 0.8m),
            new CoSellMaterials(
                [new CollateralDocument(DocumentType.OnePager, "one-pager.pdf", $"{partnerId}/{offerId}/OnePager/one-pager.pdf", 1234)],
                "https://contoso.example/analytics",
                "https://www.linkedin.com/company/contoso",
                [new SalesContact("Ana Silva", "ana@contoso.example", "Seller", "Sales", ["US", "CA"])]),
            draftVersion,
            Now,
            null,
            null);

    public static Evaluation ReadyEvaluation() => new(
        CoSellStatus.CoSellReady,
        [],
        [
            new RequirementResult("1.publishing", 1, "Marketplace publishing requirements", true, "The offer meets the publishing requirements."),
            new RequirementResult("2.csp", 2, "Configured for CSP resellers", false, "The offer is not configured for CSP resellers.", Optional: true),
            new RequirementResult("3.contacts", 3, "Sales contact for every eligible country", true, "US, CA are covered."),
            new RequirementResult("4.azure-ip.revenue", 4, "ACR TTM at least 100,000 USD", false, "ACR TTM is 99,999.99 USD, below 100,000.00 USD."),
        ],
        []);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The field names in a problem-details "errors" object.</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal((int)response.StatusCode, body.GetProperty("status").GetInt32());
        Assert.StartsWith("https://", body.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body.ToString(), StringComparison.Ordinal);
        return body.TryGetProperty("errors", out JsonElement errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToList()
            : [];
    }
}
