using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Http;

/// <summary>The one place that decides whether a caller may use a route, from <see cref="ApiRoute.Auth"/>.</summary>
public sealed class RouteAuthorizer
{
    private readonly IPartnerAuthenticator _authenticator;

    public RouteAuthorizer(IPartnerAuthenticator authenticator) => _authenticator = authenticator;

    /// <summary>
    /// Null when the caller may proceed; otherwise the answer to send: 401 without a valid credential, and 404 when a
    /// partner asks for another partner's offers (the same answer as a missing offer, so nothing is revealed).
    /// </summary>
    public async ValueTask<IResult?> AuthorizeAsync(ApiRoute route, HttpRequest request, string? partnerId, CancellationToken cancellationToken)
    {
        switch (route.Auth)
        {
            case RouteAuth.Anonymous:
                return null;
            case RouteAuth.Admin:
                return await _authenticator.IsAdminAsync(request, cancellationToken)
                    ? null
                    : HttpProblems.Unauthorized($"This route needs a valid {ApiKeyPartnerAuthenticator.AdminKeyHeader} (operator credential).");
            case RouteAuth.Partner:
                string? caller = await _authenticator.AuthenticatePartnerAsync(request, cancellationToken);
                if (caller is null)
                {
                    return HttpProblems.Unauthorized($"This route needs a valid {ApiKeyPartnerAuthenticator.PartnerKeyHeader}.");
                }

                return string.Equals(caller, partnerId, StringComparison.Ordinal) ? null : OfferNotFound();
            default:
                return HttpProblems.Unauthorized("Unknown route authorization.");
        }
    }

    internal static IResult OfferNotFound() => HttpProblems.NotFound("No such offer for this partner.");
}
