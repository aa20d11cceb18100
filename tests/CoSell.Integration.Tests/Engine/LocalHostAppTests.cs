using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class LocalHostAppTests : IAsyncLifetime, IDisposable
{
    WebApplication app = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                [LocalEngineOptions.TaskHubNameSetting] = TestStorage.UniqueTaskHub("App"),
                [LocalEngineOptions.ConnectionStringSetting] = TestStorage.ConnectionString,
                ["PartnerAuth:Partners:contoso"] = "contoso-demo-key",
                ["CoSell:ReevaluationSchedulerEnabled"] = "false",
                ["Approval:SigningKey"] = "test-signing-key-test-signing-key-0123456789",
            });
        });
        await app.StartAsync();
        int grpcPort = app.Services.GetRequiredService<LocalEngineEndpoint>().Port;
        string site = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => !a.EndsWith($":{grpcPort}", StringComparison.Ordinal));
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site) };
    }

    public void Dispose() => http.Dispose();

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

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
    public async Task Mailbox_IsPartOfTheHost()
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri("/dev/mailbox/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    sealed record PortalConfig(string PartnerId, string OfferId, string PartnerKey);
}
