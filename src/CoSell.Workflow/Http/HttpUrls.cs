using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Http;

/// <summary>Absolute URLs of our own routes, built from the request's scheme and host (never a system key).</summary>
public static class HttpUrls
{
    public static string Absolute(HttpRequest request, string path)
        => $"{request.Scheme}://{request.Host}{request.PathBase}/{path.TrimStart('/')}";

    public static string Offer(HttpRequest request, string partnerId, string offerId, string suffix = "")
        => Absolute(request, $"api/partners/{Uri.EscapeDataString(partnerId)}/offers/{Uri.EscapeDataString(offerId)}{suffix}");
}
