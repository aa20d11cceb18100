using System.Reflection;
using System.Text.RegularExpressions;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CoSell.Workflow.Tests.Http;

public sealed partial class RouteConventionTests : IClassFixture<DurableFixture>
{
    private static readonly Type[] HandlerTypes = [typeof(DraftHandlers), typeof(SubmissionHandlers), typeof(ReviewHandlers), typeof(AdminHandlers), typeof(InstanceHandlers)];
    private readonly DurableFixture _durable;

    public RouteConventionTests(DurableFixture durable) => _durable = durable;

    public static TheoryData<string> RouteNames => new(ApiRoutes.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Handlers_EveryRoute_HasExactlyOneMethodWithTheBindingSignature(string name)
    {
        ApiRoute route = ApiRoutes.All.Single(r => r.Name == name);

        MethodInfo method = Assert.Single(HandlerTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)), m => m.Name == route.Name + "Async");

        Assert.Equal(typeof(Task<IResult>), method.ReturnType);
        string[] expected = ["request", .. TemplateParameters().Matches(route.Template).Select(m => m.Groups[1].Value), "cancellationToken"];
        Assert.Equal(expected, method.GetParameters().Select(p => p.Name));
        Type[] types = [.. method.GetParameters().Select(p => p.ParameterType)];
        Assert.Equal(typeof(HttpRequest), types[0]);
        Assert.Equal(typeof(CancellationToken), types[^1]);
        Assert.All(types[1..^1], t => Assert.Equal(typeof(string), t));
    }

    [Fact]
    public async Task MapCoSellApi_EveryRoute_MappedOnceWithItsNameMethodAndTemplate()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        var mapped = app.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods, Template: e.RoutePattern.RawText))
            .ToList();

        Assert.Equal(ApiRoutes.All.Count, mapped.Count);
        foreach (ApiRoute route in ApiRoutes.All)
        {
            var endpoint = Assert.Single(mapped, m => m.Name == route.Name);
            Assert.Equal([route.Method], endpoint.Methods!);
            Assert.Equal("/" + route.Template, endpoint.Template);
        }
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex TemplateParameters();
}
