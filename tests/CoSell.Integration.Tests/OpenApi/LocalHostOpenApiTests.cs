using System.Net;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.LocalHost.OpenApi;

namespace CoSell.Integration.Tests.OpenApi;

[Trait("Category", "Integration")]
public sealed class LocalHostOpenApiTests : IAsyncLifetime
{
    LocalHostUnderTest host = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHostUnderTest.StartAsync("OpenApi");
        http = host.Http;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

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
