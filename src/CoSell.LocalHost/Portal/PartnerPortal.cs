using System.Reflection;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost.Portal;

/// <summary>Settings of the demo portal and demo data (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Partner the portal opens with.</summary>
    public string PartnerId { get; set; } = "contoso";

    /// <summary>Offer the portal opens with.</summary>
    public string OfferId { get; set; } = "contoso-crm";

    /// <summary>Prefill the portal's key field with that partner's key from <c>PartnerAuth:Partners</c> (local demo only).</summary>
    public bool ExposePartnerKey { get; set; } = true;
}

/// <summary>
/// The demo partner portal: static HTML, CSS and vanilla JavaScript embedded in this assembly (no CDN, no build
/// step), calling only the public API with the <c>X-Partner-Key</c> header.
/// </summary>
internal static class PartnerPortal
{
    public const string BasePath = "/portal/";

    const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["portal.js"] = "text/javascript; charset=utf-8",
        ["portal.css"] = "text/css; charset=utf-8",
    };

    public static WebApplication MapPartnerPortal(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect(BasePath));
        app.MapGet("/portal", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Serve(context, "index.html")
            : Results.Redirect(BasePath));
        app.MapGet(BasePath + "{file}", (HttpContext context, string file) => Serve(context, file));
        app.MapGet(BasePath + "config.json", (IOptions<DemoOptions> demo, IConfiguration configuration) =>
        {
            DemoOptions options = demo.Value;
            string? key = options.ExposePartnerKey ? configuration[$"PartnerAuth:Partners:{options.PartnerId}"] : null;
            return Results.Json(new { partnerId = options.PartnerId, offerId = options.OfferId, partnerKey = key ?? string.Empty });
        });
        return app;
    }

    static IResult Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out string? contentType))
        {
            return Results.NotFound();
        }

        Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("portal/" + file);
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, contentType);
    }
}
