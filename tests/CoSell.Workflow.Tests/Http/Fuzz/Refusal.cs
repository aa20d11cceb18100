using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>How a refusal looks: RFC 7807 problem details (JSON API, the router's 405 and 404 too) or an HTML page (reviewer links).</summary>
internal enum AnswerShape
{
    Problem,
    Page,
}

/// <summary>
/// The answer a user should get for a bad request: one of <see cref="Statuses"/>, in <see cref="Shape"/>; a 400 problem
/// names <see cref="Field"/> among its errors ("name", "contacts[1].email", "line 3, Email": a key equal to it or
/// continuing it with '[', '.' or ','); <see cref="Says"/> appears in the detail or an error message.
/// </summary>
internal sealed record Refusal(int[] Statuses, AnswerShape Shape = AnswerShape.Problem, string? Field = null, string? Says = null)
{
    public static Refusal Problem(int status, string? field = null, string? says = null) => new([status], AnswerShape.Problem, field, says);

    public static Refusal Page(params int[] statuses) => new(statuses, AnswerShape.Page);

    public override string ToString() => $"{string.Join("/", Statuses)} {Shape}" + (Field is null ? string.Empty : $" naming '{Field}'") + (Says is null ? string.Empty : $" saying '{Says}'");
}

/// <summary>A generated request, why it is wrong, and the answer it must get.</summary>
internal sealed record FuzzCase(string Why, FuzzRequest Request, Refusal Expected)
{
    public override string ToString() => $"{Why}\n{Request}\nexpected {Expected}";
}

internal static partial class Refusals
{
    /// <summary>Text that only appears when internals leak: stack frames, exception and .NET type names, serializer messages.</summary>
    private static readonly string[] LeakMarkers = ["   at ", "Exception", "StackTrace", ".cs:line", "Grpc", "could not be mapped", "could not be converted", "Path: $"];

    /// <summary>
    /// Runs <paramref name="count"/> generated cases, one at a time (they share one app). CsCheck prints the seed of a
    /// failure; run again with <c>CsCheck_Seed=&lt;seed&gt;</c> in the environment to repeat exactly that case first.
    /// </summary>
    public static Task CheckAsync<T>(this Gen<T> cases, Func<T, Task> property, int count, Func<T, string> print)
        => cases.SampleAsync(property, iter: count, threads: 1, print: print);

    /// <summary>Every generated case is refused (see <see cref="AssertRefusedAsync"/>).</summary>
    public static Task RefusesAllAsync(this FuzzApp fuzz, Gen<FuzzCase> cases, int count)
        => cases.CheckAsync(fuzz.AssertRefusedAsync, count, c => c.ToString());

    /// <summary>Sends the case and checks the answer, and that every store and the engine are exactly as before.</summary>
    public static async Task AssertRefusedAsync(this FuzzApp fuzz, FuzzCase c)
    {
        StoreSnapshot before = await fuzz.SnapshotAsync();

        FuzzAnswer answer = await fuzz.SendAsync(c.Request);

        AssertAnswer(answer, c.Expected);
        Assert.Equal(before, await fuzz.SnapshotAsync());
    }

    public static void AssertAnswer(FuzzAnswer answer, Refusal expected)
    {
        Assert.True(expected.Statuses.Contains(answer.Status), $"Expected {expected}, got {answer}");
        Assert.All(LeakMarkers, marker => Assert.DoesNotContain(marker, answer.Body, StringComparison.Ordinal));
        Assert.False(TypeName().IsMatch(answer.Body), $"A .NET type name leaked: {answer}");
        switch (expected.Shape)
        {
            case AnswerShape.Problem:
                AssertProblem(answer, expected);
                break;
            case AnswerShape.Page:
                Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
                Assert.Contains("<h1>", answer.Body, StringComparison.Ordinal);
                Assert.Contains("no-store", answer.CacheControl, StringComparison.Ordinal);
                break;
        }
    }

    private static void AssertProblem(FuzzAnswer answer, Refusal expected)
    {
        Assert.True(answer.ContentType == "application/problem+json", $"Expected problem details, got {answer}");
        using var document = JsonDocument.Parse(answer.Body);
        JsonElement problem = document.RootElement;
        Assert.Equal(answer.Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        string detail = problem.GetProperty("detail").GetString() ?? string.Empty;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Dictionary<string, string[]> errors = problem.TryGetProperty("errors", out JsonElement e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty).ToArray())
            : [];
        if (answer.Status is 400 or 413 or 415)
        {
            Assert.True(errors.Count > 0, $"A {answer.Status} names what is wrong in 'errors': {answer}");
            Assert.All(errors, pair => Assert.All(pair.Value, message => Assert.False(string.IsNullOrWhiteSpace(message))));
        }

        if (expected.Field is { } field && answer.Status == 400)
        {
            Assert.True(
                errors.Keys.Any(key => key == field || key.StartsWith(field + "[", StringComparison.Ordinal) || key.StartsWith(field + ".", StringComparison.Ordinal) || key.StartsWith(field + ",", StringComparison.Ordinal)),
                $"Expected an error for '{field}', got {answer}");
        }

        if (expected.Says is { } says)
        {
            Assert.True(
                detail.Contains(says, StringComparison.Ordinal) || errors.Values.Any(messages => messages.Any(m => m.Contains(says, StringComparison.Ordinal))),
                $"Expected the answer to say '{FuzzRequest.Visible(says, 200)}', got {answer}");
        }
    }

    [GeneratedRegex(@"\b(System|Microsoft|CoSell|Azure)\.[A-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
