using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using CoSell.Adapters.Blobs;
using CoSell.Adapters.SendGrid;
using CoSell.Adapters.Signing;
using CoSell.Adapters.Tables;
using CoSell.Workflow.Ports;
using global::SendGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoSell.Adapters;

/// <summary>Registers every adapter: storage clients, table stores, the SendGrid notifier, the link signer, collateral.</summary>
public static class AdaptersServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (on start) the sections <c>CoSellStorage</c>, <c>SendGrid</c> and <c>Approval</c>, and
    /// registers singletons: one <see cref="TokenCredential"/> (only when service URIs are used),
    /// <see cref="TableServiceClient"/>, <see cref="BlobServiceClient"/>, <see cref="CoSellTables"/>, the stores,
    /// <see cref="INotifier"/>, <see cref="IReviewLinkSigner"/>, and <see cref="TimeProvider.System"/> unless a
    /// <see cref="TimeProvider"/> is already registered. Then calls <c>AddCoSellCollateral</c>.
    /// </summary>
    public static IServiceCollection AddCoSellAdapters(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CoSellStorageOptions>()
            .Bind(config.GetSection(CoSellStorageOptions.Section))
            .Validate(o => o.IsValid(out _), "CoSellStorage: set ConnectionString, or TableServiceUri and BlobServiceUri (absolute); TablePrefix letters and digits only.")
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>()
            .Bind(config.GetSection(SendGridOptions.Section))
            .Validate(o => o.Validate().Count == 0, "SendGrid: ApiKey and FromAddress are required; Host must be an absolute http(s) address; Timeout shorter than ClaimDuration.")
            .ValidateOnStart();
        services.AddOptions<ApprovalOptions>()
            .Bind(config.GetSection(ApprovalOptions.Section))
            .Validate(o => o.Validate().Count == 0, "Approval: SigningKey must be at least 32 bytes (base64 or UTF-8); LinkLifetime positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);

        CoSellStorageOptions storage = config.GetSection(CoSellStorageOptions.Section).Get<CoSellStorageOptions>() ?? new CoSellStorageOptions();
        if (!storage.UsesConnectionString)
        {
            services.TryAddSingleton<TokenCredential>(sp =>
            {
                CoSellStorageOptions o = sp.GetRequiredService<IOptions<CoSellStorageOptions>>().Value;
                return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.ManagedIdentityClientId });
            });
        }

        services.TryAddSingleton(sp =>
        {
            CoSellStorageOptions o = sp.GetRequiredService<IOptions<CoSellStorageOptions>>().Value;
            return o.UsesConnectionString
                ? new TableServiceClient(o.ConnectionString)
                : new TableServiceClient(o.TableServiceUri!, sp.GetRequiredService<TokenCredential>());
        });
        services.TryAddSingleton(sp =>
        {
            CoSellStorageOptions o = sp.GetRequiredService<IOptions<CoSellStorageOptions>>().Value;
            return o.UsesConnectionString
                ? new BlobServiceClient(o.ConnectionString)
                : new BlobServiceClient(o.BlobServiceUri!, sp.GetRequiredService<TokenCredential>());
        });
        services.TryAddSingleton(sp => new CoSellTables(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<CoSellStorageOptions>>().Value.TablePrefix));

        services.TryAddSingleton<IOfferStore, TableOfferStore>();
        services.TryAddSingleton<IHistoryStore, TableHistoryStore>();
        services.TryAddSingleton<IReviewTokenStore, TableReviewTokenStore>();
        services.TryAddSingleton<IRevenueStore, TableRevenueStore>();

        services.TryAddSingleton<ISendGridClient>(sp => SendGridNotifier.CreateClient(sp.GetRequiredService<IOptions<SendGridOptions>>().Value));
        services.TryAddSingleton<INotifier, SendGridNotifier>();
        services.TryAddSingleton<IReviewLinkSigner, HmacReviewLinkSigner>();

        return services.AddCoSellCollateral(config);
    }
}
