using CoSell.Workflow.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoSell.Adapters.Blobs;

public static class CollateralServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CollateralOptions"/> from the <c>Collateral</c> section and registers
    /// <see cref="ICollateralStore"/> (a <see cref="BlobCollateralStore"/>) and <see cref="CollateralInspector"/>
    /// as singletons. Expects a <c>BlobServiceClient</c> singleton registered elsewhere (AddCoSellAdapters).
    /// </summary>
    public static IServiceCollection AddCoSellCollateral(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<CollateralOptions>()
            .Bind(config.GetSection(CollateralOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ContainerName), "Collateral:ContainerName must be set.")
            .Validate(o => o.MaxDocumentBytes > 0 && o.MaxDocumentBytes < Array.MaxLength, "Collateral:MaxDocumentBytes must be positive and below 2 GiB.")
            .Validate(o => o.MaxOnePagerPages > 0, "Collateral:MaxOnePagerPages must be positive.")
            .Validate(o => o.MaxZipEntries > 0 && o.MaxZipEntryBytes > 0 && o.MaxZipTotalBytes > 0 && o.MaxZipCompressionRatio > 0, "Collateral zip limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new CollateralInspector(sp.GetRequiredService<IOptions<CollateralOptions>>().Value));
        services.AddSingleton<ICollateralStore, BlobCollateralStore>();
        return services;
    }
}
