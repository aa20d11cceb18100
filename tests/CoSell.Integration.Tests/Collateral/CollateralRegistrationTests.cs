using Azure.Storage.Blobs;
using CoSell.Adapters.Blobs;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Collateral;

public sealed class CollateralRegistrationTests
{
    [Fact]
    public void AddCoSellCollateral_WithSection_BindsOptionsAndResolvesStore()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collateral:ContainerName"] = "docs",
            ["Collateral:MaxDocumentBytes"] = "1048576",
            ["Collateral:MaxOnePagerPages"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"));

        services.AddCoSellCollateral(config);

        using ServiceProvider provider = services.BuildServiceProvider();
        CollateralOptions options = provider.GetRequiredService<IOptions<CollateralOptions>>().Value;
        Assert.Equal("docs", options.ContainerName);
        Assert.Equal(1_048_576, options.MaxDocumentBytes);
        Assert.Equal(5, options.MaxOnePagerPages);
        Assert.Equal(100, options.MaxZipCompressionRatio);
        Assert.IsType<BlobCollateralStore>(provider.GetRequiredService<ICollateralStore>());
        Assert.Same(provider.GetRequiredService<ICollateralStore>(), provider.GetRequiredService<ICollateralStore>());
    }

    [Fact]
    public void AddCoSellCollateral_WithoutSection_UsesDefaults()
    {
        var services = new ServiceCollection();

        services.AddCoSellCollateral(new ConfigurationBuilder().Build());

        using ServiceProvider provider = services.BuildServiceProvider();
        CollateralOptions options = provider.GetRequiredService<IOptions<CollateralOptions>>().Value;
        Assert.Equal("collateral", options.ContainerName);
        Assert.Equal(25L * 1024 * 1024, options.MaxDocumentBytes);
        Assert.Equal(10, options.MaxOnePagerPages);
    }

    [Fact]
    public void AddCoSellCollateral_NonPositiveLimit_FailsValidation()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collateral:MaxDocumentBytes"] = "0",
        }).Build();
        var services = new ServiceCollection();

        services.AddCoSellCollateral(config);

        using ServiceProvider provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CollateralOptions>>().Value);
        Assert.Contains("MaxDocumentBytes", ex.Message, StringComparison.Ordinal);
    }
}
