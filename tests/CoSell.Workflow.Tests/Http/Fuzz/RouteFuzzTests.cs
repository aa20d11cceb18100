using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Every route in <see cref="ApiRoutes.All"/>: hostile path segments, wrong methods, wrong credentials, unknown ids.</summary>
[Collection(FuzzSuite.Name)]
public sealed class RouteFuzzTests
{
    private const int SegmentCases = 40;
    private const int CredentialCases = 20;
    private const int UnknownIdCases = 20;
    private const int IfMatchCases = 15;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

    private readonly FuzzApp _fuzz;

    public RouteFuzzTests(FuzzApp fuzz) => _fuzz = fuzz;

    public static TheoryData<string> Routes => new(ApiRoutes.All.Select(r => r.Name));

    public static TheoryData<string> GuardedRoutes => new(ApiRoutes.All.Where(r => r.Auth != RouteAuth.Anonymous).Select(r => r.Name));

    public static TheoryData<string> RoutesNamingSomething => new(ApiRoutes.All.Where(r => UnknownParameters(r).Length > 0).Select(r => r.Name));

    public static TheoryData<string> ConditionalWrites => new(nameof(ApiRoutes.SaveDraft), nameof(ApiRoutes.UploadDocument), nameof(ApiRoutes.DeleteDocument), nameof(ApiRoutes.ImportContacts));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnyRoute_HostilePathSegment_RefusedNamingTheSegmentAndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        IReadOnlyList<string> parameters = RouteRequests.Parameters(route);
        foreach (string parameter in parameters)
        {
            foreach (string segment in Hostile.ClassicSegments(RouteRequests.ValidValue(_fuzz, parameter)))
            {
                await _fuzz.AssertRefusedAsync(new FuzzCase($"{name}: classic {parameter}", RouteRequests.Valid(_fuzz, route, parameter, segment), ForHostile(route, parameter)));
            }
        }

        Gen<FuzzCase> cases = Gen.OneOfConst([.. parameters]).SelectMany(parameter =>
            Hostile.Segment(RouteRequests.ValidValue(_fuzz, parameter)).Select(segment =>
                new FuzzCase($"{name}: hostile {parameter}", RouteRequests.Valid(_fuzz, route, parameter, segment), ForHostile(route, parameter))));

        await _fuzz.RefusesAllAsync(cases, SegmentCases);
    }

    [Fact]
    public async Task AnyTemplate_MethodItDoesNotServe_405ProblemListingTheMethodsAndNothingChanges()
    {
        foreach (IGrouping<string, ApiRoute> template in ApiRoutes.All.GroupBy(r => r.Template))
        {
            string[] served = [.. template.Select(r => r.Method)];
            foreach (string method in Methods.Except(served))
            {
                FuzzRequest request = RouteRequests.Valid(_fuzz, template.First()) with { Method = method };

                await _fuzz.AssertRefusedAsync(new FuzzCase($"{method} on {template.Key}", request, Refusal.Problem(405, says: $"does not serve {method}")));

                FuzzAnswer answer = await _fuzz.SendAsync(request);
                Assert.All(served, m => Assert.Contains(m, answer.Allow, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("GET", "/api/partners/contoso/nowhere")]
    [InlineData("POST", "/api/partners/contoso/offers/crm-1/submissions/1/extra")]
    [InlineData("DELETE", "/review")]
    [InlineData("GET", "/")]
    public Task AnyMethod_AddressNoRouteServes_404ProblemAndNothingChanges(string method, string path)
        => _fuzz.AssertRefusedAsync(new FuzzCase($"{method} on {path}", new FuzzRequest(method, path), Refusal.Problem(404, says: "No resource is served at this address")));

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public Task GuardedRoute_WrongCredential_401Or404AndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        FuzzRequest bare = RouteRequests.Valid(_fuzz, route)
            .WithoutHeader(ApiKeyPartnerAuthenticator.PartnerKeyHeader)
            .WithoutHeader(ApiKeyPartnerAuthenticator.AdminKeyHeader);
        string header = route.Auth == RouteAuth.Admin ? ApiKeyPartnerAuthenticator.AdminKeyHeader : ApiKeyPartnerAuthenticator.PartnerKeyHeader;
        string key = route.Auth == RouteAuth.Admin ? ApiTestApp.AdminKey : ApiTestApp.ContosoKey;
        Refusal unauthorized = Refusal.Problem(401, says: header);

        Gen<FuzzCase> cases = Gen.OneOf(
            Gen.Const(new FuzzCase("no credential", bare, unauthorized)),
            Gen.OneOfConst(string.Empty, key[..^1], key.ToUpperInvariant(), key + "x", "x" + key, key + "\u0000", key + "\u200B", key.Replace('-', '\u2010'))
                .Select(value => new FuzzCase("near miss", bare.WithHeader(header, value), unauthorized)),
            Gen.String[1, 300].Select(value => new FuzzCase("random text", bare.WithHeader(header, value), unauthorized)),
            Gen.Int[300, 20_000].Select(n => new FuzzCase("very long", bare.WithHeader(header, new string('k', n)), unauthorized)),
            Gen.Const(new FuzzCase("the key twice", bare.WithHeader(header, key).WithHeader(header, key), unauthorized)),
            Gen.Const(new FuzzCase("as a bearer token", bare.WithHeader("Authorization", "Bearer " + key), unauthorized)),
            route.Auth == RouteAuth.Admin
                ? Gen.OneOfConst(
                    new FuzzCase("partner key as admin key", bare.WithHeader(header, ApiTestApp.ContosoKey), unauthorized),
                    new FuzzCase("partner key in its own header", bare.WithHeader(ApiKeyPartnerAuthenticator.PartnerKeyHeader, ApiTestApp.ContosoKey), unauthorized))
                : Gen.OneOfConst(
                    new FuzzCase("admin key as partner key", bare.WithHeader(header, ApiTestApp.AdminKey), unauthorized),
                    new FuzzCase("admin key in its own header", bare.WithHeader(ApiKeyPartnerAuthenticator.AdminKeyHeader, ApiTestApp.AdminKey), unauthorized),
                    new FuzzCase("another partner's key", bare.WithHeader(header, ApiTestApp.FabrikamKey), Refusal.Problem(404))));

        return _fuzz.RefusesAllAsync(cases, CredentialCases);
    }

    [Theory]
    [MemberData(nameof(RoutesNamingSomething))]
    public Task AnyRoute_WellFormedButUnknownId_404AndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        Refusal notFound = route.Auth == RouteAuth.Anonymous ? Refusal.Page(404) : Refusal.Problem(404);

        Gen<FuzzCase> cases = Gen.OneOfConst(UnknownParameters(route)).SelectMany(parameter =>
            UnknownValue(parameter).Select(value =>
            {
                FuzzRequest request = RouteRequests.Valid(_fuzz, route, parameter, value);
                return new FuzzCase($"{name}: unknown {parameter}", route == ApiRoutes.SaveDraft ? request.WithHeader("If-Match", "\"v1\"") : request, notFound);
            }));

        return _fuzz.RefusesAllAsync(cases, UnknownIdCases);
    }

    [Theory]
    [MemberData(nameof(ConditionalWrites))]
    public Task ConditionalWrite_StaleOrGarbageIfMatch_412AndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        string current = _fuzz.App.Offers.Find(FuzzApp.Partner, FuzzApp.Offer)!.ETag!;

        Gen<FuzzCase> cases = Gen.OneOf(
                Gen.OneOfConst("\"v0\"", "W/\"v0\"", "\"\"", "W/", "W/\"\"", "\"" + current + "\"", current.ToUpperInvariant(), current + "x", "\"a\", \"b\"", ",", "null"),
                Gen.String[1, 200])
            .Where(tag => !string.IsNullOrWhiteSpace(tag) && !EntityTags.Matches(tag.Trim(), current))
            .Select(tag => new FuzzCase($"{name}: If-Match {tag}", RouteRequests.Valid(_fuzz, route, "documentType", "one-pager").WithHeader("If-Match", tag), Refusal.Problem(412)));

        return _fuzz.RefusesAllAsync(cases, IfMatchCases);
    }

    /// <summary>What a user must get for a hostile value in a parameter: the rule it breaks, or the same 404 as a missing thing.</summary>
    private static Refusal ForHostile(ApiRoute route, string parameter) => parameter switch
    {
        "token" => Refusal.Page(403),
        "index" => Refusal.Page(404),
        "partnerId" when route.Auth == RouteAuth.Partner => Refusal.Problem(404),
        "offerId" => new Refusal([400, 404], Field: "offerId"),
        "documentType" or "fileName" or "draftVersion" or "month" => Refusal.Problem(400, parameter),
        _ => new Refusal([400, 403, 404, 409, 410, 412, 422], route.Auth == RouteAuth.Anonymous ? AnswerShape.Page : AnswerShape.Problem, parameter),
    };

    /// <summary>The parameters of a route that can name something that does not exist (without creating it).</summary>
    private static string[] UnknownParameters(ApiRoute route)
        => [.. RouteRequests.Parameters(route).Where(p => p switch
        {
            "partnerId" or "offerId" or "draftVersion" or "token" or "index" => true,
            "fileName" => route == ApiRoutes.DeleteDocument,
            "month" => route == ApiRoutes.GetReevaluation,
            _ => false,
        })];

    private Gen<string> UnknownValue(string parameter) => parameter switch
    {
        "draftVersion" => Gen.Int[2, int.MaxValue].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "index" => Gen.Int[1, int.MaxValue].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "fileName" => Hostile.ValidId.Select(id => id + ".pdf"),
        "month" => Gen.Select(Gen.Int[2000, 2025], Gen.Int[1, 12], (y, m) => $"{y:D4}-{m:D2}"),
        "token" => Hostile.ValidId.Select(id => _fuzz.App.Signer.Sign(new ReviewTokenClaims("tok-" + id, _fuzz.ReviewInstanceId, ApiTestApp.Reviewer, _fuzz.App.Time.Now.AddDays(1)))),
        _ => Hostile.ValidId,
    };
}
