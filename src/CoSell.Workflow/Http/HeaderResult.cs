using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Http;

/// <summary>Adds response headers (ETag, Location, cache rules) to another result.</summary>
public sealed class HeaderResult : IResult, IStatusCodeHttpResult
{
    private readonly IResult _inner;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    public HeaderResult(IResult inner, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        _inner = inner;
        _headers = headers;
    }

    public IResult Inner => _inner;

    public int? StatusCode => (_inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach ((string name, string value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return _inner.ExecuteAsync(httpContext);
    }

    public static IResult With(IResult inner, params (string Name, string Value)[] headers)
        => new HeaderResult(inner, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList());
}
