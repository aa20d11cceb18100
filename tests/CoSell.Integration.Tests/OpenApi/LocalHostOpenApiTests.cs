using System.Net;
using CoSell.Integration.Tests.Engine;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using CoSell.LocalHost.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.OpenApi;

[Trait("Category", "Integration")]
public sealed class LocalHostOpenApiTests : IAsyncLifetime, IDisposable
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
                [LocalEngineOptions.TaskHubNameSetting] = TestStorage.UniqueTaskHub("OpenApi"),
                [LocalEngineOptions.ConnectionStringSetting] = TestStorage.ConnectionString,
                ["CoSell:ReevaluationSchedulerEnabled"] = "false",
                ["Approval:SigningKey"] = "test-signing-key-test-signing-key-0123456789",
            });
        });
        await app.StartAsync();
        int grpcPort = app.Services.GetRequiredService<LocalEngineEndpoint>().Port;
        string site = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => !a.EndsWith($":{grpcPort}", StringComparison.Ordinal));
        http = new HttpClient { BaseAddress = new Uri(site) };
    }

    public void Dispose() => http.Dispose();

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task OpenApiJson_LocalHost_ServesTheCheckedInDocumentByteForByte()
    {
        byte[] checkedIn = await File.ReadAllBytesAsync(DocsFile());

        using HttpResponseMessage response = await http.GetAsync(new Uri(OpenApiDocument.Path, UriKind.Relative));
        byte[] served = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(checkedIn, served);
    }

    static string DocsFile()
    {
        DirectoryInfo? root = new(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CoSellFunctions.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? throw new InvalidOperationException($"CoSellFunctions.sln not found above {AppContext.BaseDirectory}.")
            : Path.Combine(root.FullName, "docs", "openapi.json");
    }
}
