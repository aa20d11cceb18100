using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Http;

/// <summary>Who is calling: a partner (by id) and/or an operator. Hosts may plug in Entra ID instead of keys.</summary>
public interface IPartnerAuthenticator
{
    /// <summary>The partner id the request proves, or null when it proves none.</summary>
    ValueTask<string?> AuthenticatePartnerAsync(HttpRequest request, CancellationToken cancellationToken = default);

    /// <summary>True when the request carries a valid operator credential.</summary>
    ValueTask<bool> IsAdminAsync(HttpRequest request, CancellationToken cancellationToken = default);
}
