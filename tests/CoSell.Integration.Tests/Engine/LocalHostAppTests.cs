using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoSell.Integration.Tests.Infrastructure;

namespace CoSell.Integration.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class LocalHostAppTests : IAsyncLifetime
{
    LocalHostUnderTest host = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHostUnderTest.StartAsync("App", new Dictionary<string, string?> { ["PartnerAuth:Partners:contoso"] = "contoso-demo-key" });
        http = host.Http;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Healthz_EngineOnAzurite_IsOkWithTaskHub()
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("App", body.RootElement.GetProperty("taskHub").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_RedirectsToPortal_WhichIsServedWithItsScript()
    {
        using HttpResponseMessage root = await http.GetAsync(new Uri("/", UriKind.Relative));
        using HttpResponseMessage page = await http.GetAsync(new Uri("/portal/", UriKind.Relative));
        using HttpResponseMessage script = await http.GetAsync(new Uri("/portal/portal.js", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/portal/", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Review and publish", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"partner-key\">", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortalConfig_Demo_PrefillsThePartnersKey()
    {
        PortalConfig? config = await http.GetFromJsonAsync<PortalConfig>(new Uri("/portal/config.json", UriKind.Relative));

        Assert.Equal(new PortalConfig("contoso", "contoso-crm", "contoso-demo-key"), config);
    }

    [Fact]
    public async Task Portal_UnknownFile_Is404()
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri("/portal/appsettings.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_MethodTheAddressDoesNotServe_405ProblemNamingTheMethodAndAllow()
    {
        using HttpRequestMessage request = new(HttpMethod.Patch, new Uri("/api/partners/contoso/offers/contoso-crm/status", UriKind.Relative));
        request.Headers.Add("X-Partner-Key", "contoso-demo-key");
        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(405, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("This address does not serve PATCH. It serves GET.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Mailbox_IsPartOfTheHost()
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri("/dev/mailbox/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    sealed record PortalConfig(string PartnerId, string OfferId, string PartnerKey);
}
