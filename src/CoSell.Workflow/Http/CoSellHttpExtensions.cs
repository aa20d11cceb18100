using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoSell.Workflow.Http;

/// <summary>Registers the HTTP handlers and maps every <see cref="ApiRoutes.All"/> entry (the local host's routes).</summary>
public static class CoSellHttpExtensions
{
    /// <summary>
    /// Handlers, <see cref="RouteAuthorizer"/>, the key authenticator (unless another <see cref="IPartnerAuthenticator"/>
    /// is registered first), and the "CoSellHttp" / "PartnerAuth" options. The ports and a DurableTaskClient come from the host.
    /// </summary>
    public static IServiceCollection AddCoSellHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpApiOptions>()
            .Bind(configuration.GetSection(HttpApiOptions.Section))
            .Validate(o => o.MaxJsonBytes > 0 && o.MaxDocumentBytes > 0 && o.MaxContactsBytes > 0 && o.MaxRevenueBytes > 0 && o.MaxReviewFormBytes > 0 && o.MaxContacts > 0, "CoSellHttp limits must be positive.");
        services.AddOptions<PartnerAuthOptions>().Bind(configuration.GetSection(PartnerAuthOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPartnerAuthenticator, ApiKeyPartnerAuthenticator>();
        services.TryAddSingleton<RouteAuthorizer>();
        services.TryAddSingleton<DraftHandlers>();
        services.TryAddSingleton<SubmissionHandlers>();
        services.TryAddSingleton<ReviewHandlers>();
        services.TryAddSingleton<AdminHandlers>();
        services.TryAddSingleton<InstanceHandlers>();
        return services;
    }

    /// <summary>Maps every route with its method, "/" + template and name (so a parity test can enumerate them).</summary>
    public static IEndpointRouteBuilder MapCoSellApi(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, ApiRoutes.SaveDraft, (HttpRequest r, string partnerId, string offerId, DraftHandlers h, CancellationToken ct) => h.SaveDraftAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.GetDraft, (HttpRequest r, string partnerId, string offerId, DraftHandlers h, CancellationToken ct) => h.GetDraftAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.UploadDocument, (HttpRequest r, string partnerId, string offerId, string documentType, string fileName, DraftHandlers h, CancellationToken ct) => h.UploadDocumentAsync(r, partnerId, offerId, documentType, fileName, ct));
        Map(endpoints, ApiRoutes.DeleteDocument, (HttpRequest r, string partnerId, string offerId, string documentType, string fileName, DraftHandlers h, CancellationToken ct) => h.DeleteDocumentAsync(r, partnerId, offerId, documentType, fileName, ct));
        Map(endpoints, ApiRoutes.ImportContacts, (HttpRequest r, string partnerId, string offerId, DraftHandlers h, CancellationToken ct) => h.ImportContactsAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.SubmitForReview, (HttpRequest r, string partnerId, string offerId, SubmissionHandlers h, CancellationToken ct) => h.SubmitForReviewAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.GetSubmission, (HttpRequest r, string partnerId, string offerId, string draftVersion, SubmissionHandlers h, CancellationToken ct) => h.GetSubmissionAsync(r, partnerId, offerId, draftVersion, ct));
        Map(endpoints, ApiRoutes.GetStatus, (HttpRequest r, string partnerId, string offerId, SubmissionHandlers h, CancellationToken ct) => h.GetStatusAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.GetHistory, (HttpRequest r, string partnerId, string offerId, SubmissionHandlers h, CancellationToken ct) => h.GetHistoryAsync(r, partnerId, offerId, ct));
        Map(endpoints, ApiRoutes.ShowReview, (HttpRequest r, string token, ReviewHandlers h, CancellationToken ct) => h.ShowReviewAsync(r, token, ct));
        Map(endpoints, ApiRoutes.DecideReview, (HttpRequest r, string token, ReviewHandlers h, CancellationToken ct) => h.DecideReviewAsync(r, token, ct));
        Map(endpoints, ApiRoutes.GetReviewDocument, (HttpRequest r, string token, string index, ReviewHandlers h, CancellationToken ct) => h.GetReviewDocumentAsync(r, token, index, ct));
        Map(endpoints, ApiRoutes.UploadRevenue, (HttpRequest r, string month, AdminHandlers h, CancellationToken ct) => h.UploadRevenueAsync(r, month, ct));
        Map(endpoints, ApiRoutes.StartReevaluation, (HttpRequest r, string month, AdminHandlers h, CancellationToken ct) => h.StartReevaluationAsync(r, month, ct));
        Map(endpoints, ApiRoutes.GetReevaluation, (HttpRequest r, string month, AdminHandlers h, CancellationToken ct) => h.GetReevaluationAsync(r, month, ct));
        Map(endpoints, ApiRoutes.GetInstance, (HttpRequest r, string instanceId, InstanceHandlers h, CancellationToken ct) => h.GetInstanceAsync(r, instanceId, ct));
        Map(endpoints, ApiRoutes.TerminateInstance, (HttpRequest r, string instanceId, InstanceHandlers h, CancellationToken ct) => h.TerminateInstanceAsync(r, instanceId, ct));
        Map(endpoints, ApiRoutes.PurgeInstance, (HttpRequest r, string instanceId, InstanceHandlers h, CancellationToken ct) => h.PurgeInstanceAsync(r, instanceId, ct));
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, ApiRoute route, Delegate handler)
        => endpoints.MapMethods("/" + route.Template, [route.Method], handler).WithName(route.Name).WithDisplayName(route.Name);
}
