using CoSell.Adapters;
using CoSell.Functions.Durable;
using CoSell.Workflow;
using CoSell.Workflow.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoSell.Functions;

/// <summary>Everything the Functions shell registers: its own small parts, then the product's registrations.</summary>
internal static class FunctionsComposition
{
    /// <summary>The shell's own services: the per-invocation Durable client the shared handlers use, and the clock.</summary>
    public static IServiceCollection AddCoSellFunctionsShell(this IServiceCollection services)
    {
        services.AddSingleton<InvocationDurableClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<InvocationDurableClient>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The product, registered exactly as the local host does: adapters (storage, SendGrid, signing, collateral),
    /// workflow options and activity services, HTTP handlers.</summary>
    public static IServiceCollection AddCoSellProduct(this IServiceCollection services, IConfiguration config)
        => services
            .AddCoSellAdapters(config)
            .AddCoSellWorkflow(config)
            .AddCoSellHttp(config);
}
