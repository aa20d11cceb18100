using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Adapters.Blobs;

/// <summary>Placeholder so the tables branch compiles; the blobs helper's version replaces this file on merge.</summary>
public static class CollateralServiceCollectionExtensions
{
    public static IServiceCollection AddCoSellCollateral(this IServiceCollection services, IConfiguration config) => services;
}
