using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Integration.Tests.Infrastructure;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class CoSellTablesTests : IClassFixture<AzuriteFixture>
{
    readonly AzuriteFixture _azurite;

    public CoSellTablesTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task GetAsync_ManyConcurrentCallers_CreateThePrefixedTableOnceAndShareOneClient()
    {
        string prefix = AzuriteFixture.UniquePrefix("Tb");
        var tables = new CoSellTables(new TableServiceClient(_azurite.ConnectionString), prefix);

        TableClient[] clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => tables.GetAsync(CoSellTables.Offers))));

        Assert.Single(clients.Distinct());
        Assert.Equal(prefix + CoSellTables.Offers, clients[0].Name);
        var service = new TableServiceClient(_azurite.ConnectionString);
        Assert.Single(service.Query(t => t.Name == prefix + CoSellTables.Offers));
    }
}
