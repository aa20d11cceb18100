using CoSell.Adapters;
using CoSell.LocalHost.Engine;
using CoSell.Workflow;
using Microsoft.DurableTask;

namespace CoSell.LocalHost;

/// <summary>
/// The product inside the local host: the same registrations, tasks and routes the Functions app uses.
/// Adapters, workflow services and tasks are composed (merged from main); still to add when the HTTP branch lands
/// (composed after merge: exactly these two calls, here and nowhere else):
///   builder.Services.AddCoSellHttp(builder.Configuration);       // CoSell.Workflow.Http: handlers, partner auth
///   app.MapCoSellApi();                                          // in MapCoSellProduct below
/// </summary>
internal static class LocalHostComposition
{
    public static WebApplicationBuilder AddCoSellProduct(WebApplicationBuilder builder)
    {
        builder.Services.AddCoSellAdapters(builder.Configuration);
        builder.Services.AddCoSellWorkflow(builder.Configuration);

        // composed after merge: builder.Services.AddCoSellHttp(builder.Configuration);
        builder.AddLocalDurableEngine(CoSellTasks.Register);
        return builder;
    }

    public static WebApplication MapCoSellProduct(WebApplication app)
    {
        // composed after merge: app.MapCoSellApi();
        return app;
    }
}
