using CoSell.Workflow.Activities;
using CoSell.Workflow.Reevaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Workflow;

/// <summary>Registers the workflow's options and activity services; the ports come from the adapters (or test fakes).</summary>
public static class WorkflowServiceCollectionExtensions
{
    public static IServiceCollection AddCoSellWorkflow(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ReviewOptions>()
            .Bind(config.GetSection(ReviewOptions.Section))
            .Validate(o => o.Reviewers.Length > 0 && o.Reviewers.All(r => !string.IsNullOrWhiteSpace(r) && r.Contains('@', StringComparison.Ordinal)), "Review:Reviewers needs at least one e-mail address.")
            .Validate(o => o.ExpireAfter > TimeSpan.Zero && o.ReminderAfter > TimeSpan.Zero, "Review:ReminderAfter and Review:ExpireAfter must be positive.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp), "Review:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();

        services.AddOptions<ReevaluationOptions>()
            .Bind(config.GetSection(ReevaluationOptions.Section))
            .Validate(o => o.Admins.All(a => !string.IsNullOrWhiteSpace(a) && a.Contains('@', StringComparison.Ordinal)), "Reevaluation:Admins must be e-mail addresses.")
            .Validate(o => o.BatchSize > 0 && o.MaxParallelBatches > 0 && o.PageSize > 0, "Reevaluation:BatchSize, MaxParallelBatches and PageSize must be positive.")
            .ValidateOnStart();

        services.AddTransient<ValidateCollateralActivity>();
        services.AddTransient<ValidateContactsActivity>();
        services.AddTransient<EvaluateThresholdsActivity>();
        services.AddTransient<RequestReviewActivity>();
        services.AddTransient<InviteReviewersActivity>();
        services.AddTransient<StatusRecorder>();
        services.AddTransient<RecordOutcomeActivity>();
        services.AddTransient<CloseReviewActivity>();
        services.AddTransient<RecordStatusActivity>();
        services.AddTransient<RecordHistoryActivity>();
        services.AddTransient<SendNotificationActivity>();
        services.AddTransient<ListOrganisationsActivity>();
        services.AddTransient<ReevaluateBatchActivity>();
        services.AddTransient<ReadReevaluationSettingsActivity>();
        return services;
    }
}
