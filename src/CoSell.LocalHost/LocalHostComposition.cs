using CoSell.Adapters;
using CoSell.LocalHost.Engine;
using CoSell.Workflow;
using CoSell.Workflow.Http;
using Microsoft.DurableTask;

namespace CoSell.LocalHost;

/// <summary>
/// The product inside the local host: the same registrations, tasks and routes the Functions app uses
/// (adapters, workflow services, HTTP handlers), with the Durable Task Framework engine on Azurite.
/// </summary>
internal static class LocalHostComposition
{
    public static WebApplicationBuilder AddCoSellProduct(WebApplicationBuilder builder)
    {
        builder.Services.AddCoSellAdapters(builder.Configuration);
        builder.Services.AddCoSellWorkflow(builder.Configuration);
        builder.Services.AddCoSellHttp(builder.Configuration);
        builder.AddLocalDurableEngine(CoSellTasks.Register);
        return builder;
    }

    public static WebApplication MapCoSellProduct(WebApplication app)
    {
        app.UseEmptyErrorProblems();
        app.MapCoSellApi();
        return app;
    }
}
