using CoSell.LocalHost.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.LocalHost.OpenApi;
using CoSell.LocalHost.Portal;
using CoSell.LocalHost.Scheduling;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoSell.LocalHost;

/// <summary>Builds the local host: product routes and tasks, the Durable engine on Azurite, mailbox, monthly scheduler, partner portal, health.</summary>
public static class LocalHostApp
{
    /// <param name="configure">Runs before anything is registered: tests add configuration here.</param>
    /// <param name="replaceServices">Runs after everything is registered: tests replace adapters here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? replaceServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        LocalHostComposition.AddCoSellProduct(builder);
        builder.Services.AddLocalMailbox(builder.Configuration);
        builder.Services.AddOptions<ReevaluationScheduleOptions>()
            .Bind(builder.Configuration.GetSection(ReevaluationScheduleOptions.Section))
            .Validate(o => IsValidCron(o.ReevaluationSchedule), "CoSell:ReevaluationSchedule must be a six-field CRON, seconds first (e.g. \"0 0 3 1 * *\").")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => MonthlyReevaluationScheduler.DurableStarterFor(sp.GetRequiredService<DurableTaskClient>()));
        builder.Services.AddHostedService<MonthlyReevaluationScheduler>();
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        replaceServices?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        app.MapLocalDurableEngine();
        app.MapLocalMailbox();
        app.MapOpenApiDocument();
        app.MapPartnerPortal();
        app.MapHealth();
        LocalHostComposition.MapCoSellProduct(app);
        return app;
    }

    static bool IsValidCron(string cron)
    {
        try
        {
            ReevaluationSchedule.Parse(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
