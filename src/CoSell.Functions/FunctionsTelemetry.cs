using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Functions;

/// <summary>Application Insights for the isolated worker (the host sends its own telemetry).</summary>
internal static class FunctionsTelemetry
{
    private const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection AddCoSellTelemetry(this IServiceCollection services, IConfiguration config)
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

        // In Azure the component has local (key) auth disabled (infra/modules/monitoring.bicep). The host reads
        // "ClientId=...;Authorization=AAD" from this setting itself; the worker's SDK needs the credential handed to it.
        if (UserAssignedClientId(config[AuthenticationStringSetting]) is string clientId)
        {
            services.Configure<TelemetryConfiguration>(telemetry =>
                telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        // The Application Insights logger provider adds a Warning-and-above filter of its own; the logging
        // configuration decides instead.
        services.Configure<LoggerFilterOptions>(options =>
        {
            LoggerFilterRule? aiDefault = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider);
            if (aiDefault is not null)
            {
                options.Rules.Remove(aiDefault);
            }
        });
        return services;
    }

    /// <summary>The client id of <c>ClientId=...;Authorization=AAD</c>, or null when the setting asks for no Entra ID auth.</summary>
    internal static string? UserAssignedClientId(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        Dictionary<string, string> parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out string? mode) && mode.Equals("AAD", StringComparison.OrdinalIgnoreCase)
               && parts.TryGetValue("ClientId", out string? clientId) && clientId.Length > 0
            ? clientId
            : null;
    }
}
