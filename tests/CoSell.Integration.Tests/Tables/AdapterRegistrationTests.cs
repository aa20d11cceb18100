using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CoSell.Adapters;
using CoSell.Adapters.Tables;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class AdapterRegistrationTests : IClassFixture<AzuriteFixture>
{
    readonly AzuriteFixture _azurite;

    public AdapterRegistrationTests(AzuriteFixture azurite) => _azurite = azurite;

    static Dictionary<string, string?> ValidSettings(string? connectionString, string prefix) => new()
    {
        ["CoSellStorage:ConnectionString"] = connectionString,
        ["CoSellStorage:TablePrefix"] = prefix,
        ["SendGrid:ApiKey"] = "SG.placeholder",
        ["SendGrid:FromAddress"] = "cosell@microsoft.example",
        ["SendGrid:Host"] = "http://127.0.0.1:9",
        ["Approval:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["Approval:LinkLifetime"] = "7.00:00:00",
    };

    static IHost BuildHost(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCoSellAdapters(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task AddCoSellAdapters_ConnectionString_ResolvesWorkingSingletonsWithoutCredential()
    {
        string prefix = AzuriteFixture.UniquePrefix("Di");
        using IHost host = BuildHost(ValidSettings(_azurite.ConnectionString, prefix));
        await host.StartAsync();
        IServiceProvider services = host.Services;

        var history = services.GetRequiredService<IHistoryStore>();
        await history.AppendAsync(new HistoryEntry("p-di", "o-di", "e-1", DateTimeOffset.UnixEpoch, HistoryKind.DraftSaved, "me", "saved"));

        Assert.Single(await history.ListAsync("p-di", "o-di"));
        Assert.Same(history, services.GetRequiredService<IHistoryStore>());
        Assert.Equal(prefix, services.GetRequiredService<CoSellTables>().Prefix);
        Assert.NotNull(services.GetRequiredService<IOfferStore>());
        Assert.NotNull(services.GetRequiredService<IReviewTokenStore>());
        Assert.NotNull(services.GetRequiredService<IRevenueStore>());
        Assert.NotNull(services.GetRequiredService<INotifier>());
        Assert.NotNull(services.GetRequiredService<IReviewLinkSigner>());
        Assert.NotNull(services.GetRequiredService<BlobServiceClient>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.Null(services.GetService<TokenCredential>());
        TableServiceClient tables = services.GetRequiredService<TableServiceClient>();
        Assert.Contains(tables.Query(t => t.Name == prefix + CoSellTables.History), t => t.Name == prefix + CoSellTables.History);
        await host.StopAsync();
    }

    [Fact]
    public void AddCoSellAdapters_ServiceUris_UsesOneCredentialForTablesAndBlobs()
    {
        Dictionary<string, string?> settings = ValidSettings(null, "");
        settings["CoSellStorage:TableServiceUri"] = "https://cosellexample.table.core.windows.net";
        settings["CoSellStorage:BlobServiceUri"] = "https://cosellexample.blob.core.windows.net";
        settings["CoSellStorage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001";
        using IHost host = BuildHost(settings);

        TokenCredential credential = host.Services.GetRequiredService<TokenCredential>();

        Assert.Same(credential, host.Services.GetRequiredService<TokenCredential>());
        Assert.Equal(new Uri("https://cosellexample.table.core.windows.net"), host.Services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://cosellexample.blob.core.windows.net"), host.Services.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Theory]
    [InlineData("CoSellStorage:ConnectionString", null)]
    [InlineData("CoSellStorage:TablePrefix", "bad-prefix")]
    [InlineData("SendGrid:ApiKey", "")]
    [InlineData("SendGrid:FromAddress", "not-an-address")]
    [InlineData("Approval:SigningKey", "too short")]
    [InlineData("Approval:SigningKey", null)]
    public async Task AddCoSellAdapters_InvalidSetting_FailsOnStart(string key, string? value)
    {
        Dictionary<string, string?> settings = ValidSettings(_azurite.ConnectionString, "");
        settings[key] = value;
        using IHost host = BuildHost(settings);

        await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void AddCoSellAdapters_PreviousSigningKeyConfigured_VerifiesLinksSignedBeforeRotation()
    {
        string oldKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        Dictionary<string, string?> before = ValidSettings(_azurite.ConnectionString, "");
        before["Approval:SigningKey"] = oldKey;
        Dictionary<string, string?> after = ValidSettings(_azurite.ConnectionString, "");
        after["Approval:PreviousSigningKeys:0"] = oldKey;
        var claims = new ReviewTokenClaims("tok-rot", "cosell-p.o-1", "reviewer@microsoft.example", DateTimeOffset.UnixEpoch.AddDays(30));
        using IHost oldHost = BuildHost(before);
        using IHost newHost = BuildHost(after);
        string token = oldHost.Services.GetRequiredService<IReviewLinkSigner>().Sign(claims);

        TokenFailure result = newHost.Services.GetRequiredService<IReviewLinkSigner>().Verify(token, DateTimeOffset.UnixEpoch, out _);

        Assert.Equal(TokenFailure.None, result);
        Assert.Equal(TimeSpan.FromDays(7), newHost.Services.GetRequiredService<IOptions<Adapters.Signing.ApprovalOptions>>().Value.LinkLifetime);
    }

    [Fact]
    public void AddCoSellAdapters_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var services = new ServiceCollection();
        var mine = new FixedTimeProvider();
        services.AddSingleton<TimeProvider>(mine);

        services.AddCoSellAdapters(new ConfigurationBuilder().AddInMemoryCollection(ValidSettings(_azurite.ConnectionString, "")).Build());

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<TimeProvider>());
    }

    sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
    }
}
