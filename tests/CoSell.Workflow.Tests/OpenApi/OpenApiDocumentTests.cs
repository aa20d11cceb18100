using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CoSell.Workflow.Http;
using CoSell.Workflow.Tests.Http;

namespace CoSell.Workflow.Tests.OpenApi;

public sealed partial class OpenApiDocumentTests
{
    public static TheoryData<string> RouteNames => new(ApiRoutes.All.Select(r => r.Name));

    [Fact]
    public void Document_Header_IsOpenApi303WithBothKeySchemes()
    {
        JsonElement root = OpenApiSpec.Root;

        Assert.Equal("3.0.3", root.GetProperty("openapi").GetString());
        JsonElement schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", ApiKeyPartnerAuthenticator.PartnerKeyHeader), Scheme(schemes, "partnerKey"));
        Assert.Equal(("apiKey", "header", ApiKeyPartnerAuthenticator.AdminKeyHeader), Scheme(schemes, "adminKey"));
        Assert.False(root.TryGetProperty("security", out _), "No document-wide security: each operation states its own.");
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Document_EveryApiRoute_HasItsMethodPathAndOperationId(string name)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == name);

        JsonElement operation = OpenApiSpec.Operation(route.Method, "/" + route.Template);

        Assert.Equal(route.Name, operation.GetProperty("operationId").GetString());
    }

    [Fact]
    public void Document_Operations_AreExactlyApiRoutesAll()
    {
        var documented = OpenApiSpec.Operations()
            .Select(o => (o.Method, o.Path, Id: o.Operation.GetProperty("operationId").GetString()))
            .OrderBy(o => o.Id, StringComparer.Ordinal)
            .ToList();

        var routes = ApiRoutes.All
            .Select(r => (r.Method, Path: "/" + r.Template, Id: (string?)r.Name))
            .OrderBy(o => o.Id, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(routes, documented);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Document_Security_MatchesRouteAuth(string name)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == name);

        JsonElement security = OpenApiSpec.Operation(route.Method, "/" + route.Template).GetProperty("security");

        string[] schemes = [.. security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(p => p.Name))];
        string[] expected = route.Auth switch
        {
            RouteAuth.Partner => ["partnerKey"],
            RouteAuth.Admin => ["adminKey"],
            _ => [],
        };
        Assert.Equal(expected, schemes);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Document_EveryRouteParameter_IsARequiredPathParameter(string name)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == name);
        JsonElement pathItem = OpenApiSpec.Root.GetProperty("paths").GetProperty("/" + route.Template);
        JsonElement operation = pathItem.GetProperty(route.Method.ToLowerInvariant());

        var declared = Parameters(pathItem).Concat(Parameters(operation))
            .Where(p => p.GetProperty("in").GetString() == "path")
            .ToList();

        string[] templateNames = [.. TemplateParameters().Matches(route.Template).Select(m => m.Groups[1].Value)];
        Assert.Equal(templateNames.Order(StringComparer.Ordinal), declared.Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(declared, p => Assert.True(p.GetProperty("required").GetBoolean()));
    }

    [Fact]
    public void Document_EveryReference_Resolves()
    {
        var references = new List<string>();
        Collect(OpenApiSpec.Root, references);

        Assert.NotEmpty(references);
        Assert.All(references.Distinct(StringComparer.Ordinal), r => OpenApiSpec.Pointer(r));
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Document_EveryErrorResponse_HasABodyType(string name)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == name);

        JsonElement responses = OpenApiSpec.Operation(route.Method, "/" + route.Template).GetProperty("responses");

        Assert.Contains(responses.EnumerateObject(), r => r.Name.StartsWith('2'));
        foreach (JsonProperty response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
        {
            JsonElement content = OpenApiSpec.Resolve(response.Value).GetProperty("content");
            string expected = route.Auth == RouteAuth.Anonymous ? "text/html" : "application/problem+json";
            Assert.Equal([expected], content.EnumerateObject().Select(c => c.Name));
        }
    }

    [Theory]
    [InlineData(typeof(DraftRequest), "DraftRequest")]
    [InlineData(typeof(SubmitRequest), "SubmitRequest")]
    [InlineData(typeof(ContactInput), "ContactInput")]
    [InlineData(typeof(TerminateRequest), "TerminateRequest")]
    public void Document_RequestSchema_NamesEveryFieldTheHandlerBinds(Type record, string schemaName)
    {
        string[] bound = [.. record.GetConstructors().Single().GetParameters()
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
            .Where(name => name is not ("documents" or "contacts"))
            .Order(StringComparer.Ordinal)];

        JsonElement schema = OpenApiSpec.Root.GetProperty("components").GetProperty("schemas").GetProperty(schemaName);

        Assert.Equal(bound, schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean(), "ApiJson refuses unknown fields.");
    }

    [Fact]
    public void Document_DraftRequestSchema_AcceptsTheDraftTheApiTestsSave()
    {
        JsonElement body = JsonDocument.Parse(TestData.DraftBody().ToJsonString()).RootElement;

        IReadOnlyList<string> problems = SchemaCheck.Problems(body, OpenApiSpec.Pointer("#/components/schemas/DraftRequest"));

        Assert.Empty(problems);
    }

    [Fact]
    public void Document_DraftRequestSchema_RefusesContactsInTheDraft()
    {
        JsonElement body = JsonDocument.Parse(TestData.DraftBody().With("contacts", new JsonArray()).ToJsonString()).RootElement;

        IReadOnlyList<string> problems = SchemaCheck.Problems(body, OpenApiSpec.Pointer("#/components/schemas/DraftRequest"));

        Assert.Equal(["$.contacts: not documented."], problems);
    }

    private static (string?, string?, string?) Scheme(JsonElement schemes, string name)
    {
        JsonElement scheme = schemes.GetProperty(name);
        return (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString());
    }

    private static IEnumerable<JsonElement> Parameters(JsonElement owner)
        => owner.TryGetProperty("parameters", out JsonElement list) ? list.EnumerateArray().Select(OpenApiSpec.Resolve) : [];

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex TemplateParameters();
}
