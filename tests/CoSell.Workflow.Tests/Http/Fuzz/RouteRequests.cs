using System.Text;
using System.Text.RegularExpressions;
using CoSell.Workflow.Http;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Requests that pass every check of their route, so a test can spoil exactly one thing.</summary>
internal static partial class RouteRequests
{
    public const string DraftJson = """{"name":"Contoso Analytics","solutionType":"IpSolution","kind":"SaaS","eligibleCountries":["US","CA"],"isTransactable":true,"repeatableIpShare":0.8,"landingPageUrl":"https://contoso.example/analytics"}""";
    public const string SubmitJson = """{"submittedBy":"pm@contoso.example"}""";
    public const string ContactsJson = """[{"name":"Ana Silva","email":"ana@contoso.example","jobTitle":"Seller","role":"Sales","countries":["US","CA"]}]""";
    public const string RevenueCsv = "organisationId,month,acrTtmUsd\ncontoso," + FuzzApp.Month + ",125000.50\n";
    public const string FormType = "application/x-www-form-urlencoded";

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");

    public static IReadOnlyList<string> Parameters(ApiRoute route) => [.. TemplateParameter().Matches(route.Template).Select(m => m.Groups[1].Value)];

    /// <summary>The value of a route parameter that names something that exists (the seeded draft, the review's link, ...).</summary>
    public static string ValidValue(FuzzApp fuzz, string parameter) => parameter switch
    {
        "partnerId" => FuzzApp.Partner,
        "offerId" => FuzzApp.Offer,
        "documentType" => "case-study",
        "fileName" => "story.pdf",
        "draftVersion" => "1",
        "token" => fuzz.Token,
        "index" => "0",
        "month" => FuzzApp.Month,
        _ => "value",
    };

    /// <summary>The route with its credential and a valid body; <paramref name="parameter"/>, when given, set to <paramref name="value"/>.</summary>
    public static FuzzRequest Valid(FuzzApp fuzz, ApiRoute route, string? parameter = null, string? value = null)
    {
        string path = "/" + TemplateParameter().Replace(route.Template, m => m.Groups[1].Value == parameter ? value! : ValidValue(fuzz, m.Groups[1].Value));
        FuzzRequest request = FuzzRequest.For(route, path);
        return route.Name switch
        {
            nameof(ApiRoutes.SaveDraft) => request.WithBody("application/json", DraftJson),
            nameof(ApiRoutes.UploadDocument) => request.WithBody("application/pdf", Pdf),
            nameof(ApiRoutes.ImportContacts) => request.WithBody("application/json", ContactsJson),
            nameof(ApiRoutes.SubmitForReview) => request.WithBody("application/json", SubmitJson),
            nameof(ApiRoutes.DecideReview) => request.WithBody(FormType, "decision=approve&comment=Looks+good"),
            nameof(ApiRoutes.UploadRevenue) => request.WithBody("text/csv", RevenueCsv),
            _ => request,
        };
    }

    public static ApiRoute Route(string name) => ApiRoutes.All.Single(r => r.Name == name);

    [GeneratedRegex(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateParameter();
}
