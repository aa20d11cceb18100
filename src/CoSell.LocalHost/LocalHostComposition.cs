using CoSell.LocalHost.Engine;
using Microsoft.DurableTask;

namespace CoSell.LocalHost;

/// <summary>
/// The product inside the local host: the same registrations and routes the Functions app uses.
/// composed after merge (the lead adds exactly these calls here, nowhere else):
///   builder.Services.AddCoSellAdapters(builder.Configuration);   // CoSell.Adapters: tables, blobs, SendGrid, link signing
///   builder.Services.AddCoSellWorkflow(builder.Configuration);   // CoSell.Workflow: orchestrators, activities, options
///   builder.Services.AddCoSellHttp(builder.Configuration);       // CoSell.Workflow.Http: handlers, partner auth
///   CoSellTasks.Register(registry);                              // inside AddLocalDurableEngine below
///   app.MapCoSellApi();                                          // in MapCoSellProduct below
/// </summary>
internal static class LocalHostComposition
{
    public static WebApplicationBuilder AddCoSellProduct(WebApplicationBuilder builder)
    {
        // composed after merge: builder.Services.AddCoSellAdapters(builder.Configuration);
        // composed after merge: builder.Services.AddCoSellWorkflow(builder.Configuration);
        // composed after merge: builder.Services.AddCoSellHttp(builder.Configuration);
        builder.AddLocalDurableEngine(RegisterTasks);
        return builder;
    }

    public static WebApplication MapCoSellProduct(WebApplication app)
    {
        // composed after merge: app.MapCoSellApi();
        return app;
    }

    static void RegisterTasks(DurableTaskRegistry registry)
    {
        // composed after merge: CoSellTasks.Register(registry);
    }
}
