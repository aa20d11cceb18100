using CoSell.Workflow.Http;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Every route that reads a body: over its limit (with and without Content-Length) → 413; a content type it does not read → 415.</summary>
[Collection(FuzzSuite.Name)]
public sealed class BodyLimitFuzzTests
{
    private const int OversizeCases = 12;
    private const int ContentTypeCases = 15;

    private readonly FuzzApp _fuzz;

    public BodyLimitFuzzTests(FuzzApp fuzz) => _fuzz = fuzz;

    public static TheoryData<string> BodyRoutes => new(ApiRoutes.All.Where(r => Body(r.Name) is not null).Select(r => r.Name));

    public static TheoryData<string> TypedBodyRoutes => new(ApiRoutes.All.Where(r => Body(r.Name)?.Accepted.Length > 0).Select(r => r.Name));

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public Task BodyRoute_OverTheLimit_413AndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        BodyRule rule = Body(name)!;
        FuzzRequest valid = route == ApiRoutes.DecideReview
            ? RouteRequests.Valid(_fuzz, route).WithBody(RouteRequests.FormType, "decision=undecided&comment=")
            : RouteRequests.Valid(_fuzz, route);

        Gen<FuzzCase> cases = Gen.Select(Gen.Long[rule.Limit + 1, rule.Limit + 5000], Gen.Bool, (size, declared) =>
        {
            byte[] body = [.. valid.Body!, .. Enumerable.Repeat((byte)' ', (int)(size - valid.Body!.Length))];
            return new FuzzCase(
                $"{name}: {size} bytes, Content-Length {(declared ? "sent" : "not sent")}",
                valid with { Body = body, DeclareLength = declared },
                route.Auth == RouteAuth.Anonymous ? Refusal.Page(413) : Refusal.Problem(413, says: $"The {rule.Field} is larger than the limit of {rule.Limit} bytes."));
        });

        return _fuzz.RefusesAllAsync(cases, OversizeCases);
    }

    [Theory]
    [MemberData(nameof(TypedBodyRoutes))]
    public Task BodyRoute_ContentTypeItDoesNotRead_415AndNothingChanges(string name)
    {
        ApiRoute route = RouteRequests.Route(name);
        FuzzRequest valid = RouteRequests.Valid(_fuzz, route);

        Gen<FuzzCase> cases = Hostile.ContentType(Body(name)!.Accepted).Select(type => new FuzzCase(
            $"{name}: Content-Type {type ?? "(none)"}",
            valid with { ContentType = type },
            route.Auth == RouteAuth.Anonymous ? Refusal.Page(415) : Refusal.Problem(415, says: "Send the body as")));

        return _fuzz.RefusesAllAsync(cases, ContentTypeCases);
    }

    /// <summary>The size limit, the name the 413 uses, and the media types a route reads (none: any bytes).</summary>
    private static BodyRule? Body(string route) => route switch
    {
        nameof(ApiRoutes.SaveDraft) or nameof(ApiRoutes.SubmitForReview) => new(FuzzApp.Limits.MaxJsonBytes, "body", ["application/json"]),
        nameof(ApiRoutes.ImportContacts) => new(FuzzApp.Limits.MaxContactsBytes, "contacts", ["application/json", "text/csv", "application/csv"]),
        nameof(ApiRoutes.UploadDocument) => new(FuzzApp.Limits.MaxDocumentBytes, "document", []),
        nameof(ApiRoutes.UploadRevenue) => new(FuzzApp.Limits.MaxRevenueBytes, "revenue", ["text/csv", "application/csv"]),
        nameof(ApiRoutes.DecideReview) => new(FuzzApp.Limits.MaxReviewFormBytes, "form", [RouteRequests.FormType]),
        _ => null,
    };

    private sealed record BodyRule(long Limit, string Field, string[] Accepted);
}
