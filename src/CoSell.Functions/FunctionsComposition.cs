using CoSell.Functions.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
#if COSELL_ADAPTERS_MERGED
using CoSell.Adapters;
#endif
#if COSELL_WORKFLOW_MERGED
using CoSell.Workflow;
#endif
#if COSELL_HTTP_MERGED
using CoSell.Workflow.Http;
#endif

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

    /// <summary>The product: adapters (storage, SendGrid, signing), workflow activities and options, HTTP handlers.</summary>
    /// <remarks>
    /// composed after merge:
    ///   services.AddCoSellAdapters(config);
    ///   services.AddCoSellWorkflow(config);
    ///   services.AddCoSellHttp(config);
    /// Each call is switched on by its MSBuild property in CoSell.Functions.csproj (CoSellAdaptersMerged,
    /// CoSellWorkflowMerged, CoSellHttpMerged) once the branch that defines it is merged.
    /// </remarks>
    public static IServiceCollection AddCoSellProduct(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
#if COSELL_ADAPTERS_MERGED
        services.AddCoSellAdapters(config);
#endif
#if COSELL_WORKFLOW_MERGED
        services.AddCoSellWorkflow(config);
#endif
#if COSELL_HTTP_MERGED
        services.AddCoSellHttp(config);
#endif
        return services;
    }
}
