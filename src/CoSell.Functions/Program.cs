using CoSell.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.Services.AddCoSellTelemetry(builder.Configuration);
builder.Services.AddCoSellFunctionsShell();
builder.Services.AddCoSellProduct(builder.Configuration);

await builder.Build().RunAsync();
