namespace CoSell.Workflow.Http;

/// <summary>Who may call a route.</summary>
public enum RouteAuth
{
    /// <summary>A partner credential; every call is scoped to that partner's offers (Functions: AuthorizationLevel.Function + partner identity).</summary>
    Partner,

    /// <summary>No key: the signed review token in the path is the credential.</summary>
    Anonymous,

    /// <summary>Operators only (Functions: AuthorizationLevel.Admin; local: the admin key).</summary>
    Admin,
}

/// <summary>One HTTP route: the same name, method, template and auth in the Functions app and the local host.</summary>
/// <param name="Template">Route template without a leading slash (Functions routePrefix is empty).</param>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAuth Auth);

/// <summary>Every route of the product. The parity test checks both hosts bind exactly these.</summary>
public static class ApiRoutes
{
    private const string Offer = "api/partners/{partnerId}/offers/{offerId}";
    private const string Instance = "api/admin/instances/{instanceId}";

    public static readonly ApiRoute SaveDraft = new(nameof(SaveDraft), "PUT", Offer, RouteAuth.Partner);
    public static readonly ApiRoute GetDraft = new(nameof(GetDraft), "GET", Offer, RouteAuth.Partner);
    public static readonly ApiRoute UploadDocument = new(nameof(UploadDocument), "PUT", Offer + "/documents/{documentType}/{fileName}", RouteAuth.Partner);
    public static readonly ApiRoute DeleteDocument = new(nameof(DeleteDocument), "DELETE", Offer + "/documents/{documentType}/{fileName}", RouteAuth.Partner);
    public static readonly ApiRoute ImportContacts = new(nameof(ImportContacts), "PUT", Offer + "/contacts", RouteAuth.Partner);
    public static readonly ApiRoute SubmitForReview = new(nameof(SubmitForReview), "POST", Offer + "/submissions", RouteAuth.Partner);
    public static readonly ApiRoute GetSubmission = new(nameof(GetSubmission), "GET", Offer + "/submissions/{draftVersion}", RouteAuth.Partner);
    public static readonly ApiRoute GetStatus = new(nameof(GetStatus), "GET", Offer + "/status", RouteAuth.Partner);
    public static readonly ApiRoute GetHistory = new(nameof(GetHistory), "GET", Offer + "/history", RouteAuth.Partner);

    public static readonly ApiRoute ShowReview = new(nameof(ShowReview), "GET", "review/{token}", RouteAuth.Anonymous);
    public static readonly ApiRoute DecideReview = new(nameof(DecideReview), "POST", "review/{token}", RouteAuth.Anonymous);
    public static readonly ApiRoute GetReviewDocument = new(nameof(GetReviewDocument), "GET", "review/{token}/documents/{index}", RouteAuth.Anonymous);

    public static readonly ApiRoute UploadRevenue = new(nameof(UploadRevenue), "PUT", "api/admin/revenue/{month}", RouteAuth.Admin);
    public static readonly ApiRoute StartReevaluation = new(nameof(StartReevaluation), "POST", "api/admin/reevaluations/{month}", RouteAuth.Admin);
    public static readonly ApiRoute GetReevaluation = new(nameof(GetReevaluation), "GET", "api/admin/reevaluations/{month}", RouteAuth.Admin);

    public static readonly ApiRoute GetInstance = new(nameof(GetInstance), "GET", Instance, RouteAuth.Admin);
    public static readonly ApiRoute TerminateInstance = new(nameof(TerminateInstance), "POST", Instance + "/terminate", RouteAuth.Admin);
    public static readonly ApiRoute PurgeInstance = new(nameof(PurgeInstance), "DELETE", Instance, RouteAuth.Admin);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        SaveDraft, GetDraft, UploadDocument, DeleteDocument, ImportContacts, SubmitForReview, GetSubmission, GetStatus, GetHistory,
        ShowReview, DecideReview, GetReviewDocument,
        UploadRevenue, StartReevaluation, GetReevaluation,
        GetInstance, TerminateInstance, PurgeInstance,
    ];
}
