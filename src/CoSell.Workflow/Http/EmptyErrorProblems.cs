using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>
/// Gives the error answers the framework writes itself, with no body, a problem-details body like every other refusal:
/// a method the address does not serve (routing's 405, which sets <c>Allow</c>) and an address no route serves (404).
/// Answers that already have a body (every handler's own refusals, the reviewer pages) are left as they are.
/// </summary>
public static class EmptyErrorProblems
{
    /// <summary>Call before the endpoints run (in a <see cref="WebApplication"/>, anywhere before it starts).</summary>
    public static IApplicationBuilder UseEmptyErrorProblems(this IApplicationBuilder app)
        => app.UseStatusCodePages(WriteAsync);

    private static Task WriteAsync(StatusCodeContext context)
    {
        HttpContext http = context.HttpContext;
        IResult? problem = http.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(http),
            StatusCodes.Status404NotFound => HttpProblems.NotFound("No resource is served at this address."),
            _ => null,
        };
        return problem?.ExecuteAsync(http) ?? Task.CompletedTask;
    }

    private static IResult MethodNotAllowed(HttpContext http)
    {
        string allowed = http.Response.Headers[HeaderNames.Allow].ToString();
        string serves = string.IsNullOrEmpty(allowed) ? string.Empty : $" It serves {allowed}.";
        return Results.Problem(
            detail: $"This address does not serve {MethodName(http.Request.Method)}.{serves}",
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Method not allowed.");
    }

    /// <summary>The method as sent when it is a plain name (Kestrel takes any token, of any length), else a description.</summary>
    private static string MethodName(string method)
        => method.Length <= 16 && method.All(char.IsAsciiLetter) ? method : "this method";
}
