using Azure.Data.Tables;
using CoSell.Adapters.Tables;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>
/// Storage for a test class (<c>IClassFixture&lt;AzuriteFixture&gt;</c>, so classes run in parallel) or a collection
/// (<see cref="SharedAzuriteDefinition"/>). Azurite itself is shared per process, see <see cref="AzuriteServer"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync() => _connectionString = await AzuriteServer.GetConnectionStringAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A table prefix no other test uses (tables are named <c>{prefix}{Name}</c>: letters and digits only).</summary>
    public static string UniquePrefix(string hint = "T") => hint + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Tables of this Azurite under a prefix of their own.</summary>
    public CoSellTables Tables(string? prefix = null) => new(new TableServiceClient(ConnectionString), prefix ?? UniquePrefix());

    /// <summary>Tables under a prefix of their own whose every request (table creation included) <paramref name="counter"/> sees.</summary>
    public CoSellTables Tables(RequestCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        return new(new TableServiceClient(ConnectionString, options), UniquePrefix());
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAzuriteDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
