using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Http;

/// <summary>RFC 7807 problem details for every 4xx: what is wrong and, for validation, which field and why.</summary>
public static class HttpProblems
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
        => Results.ValidationProblem(
            errors,
            detail: detail ?? "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is invalid.");

    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Validation(IEnumerable<(string Field, string Message)> errors, string? detail = null)
        => Validation(errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal), detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Authentication required.", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict.", detail);

    public static IResult PreconditionFailed(string detail) => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed.", detail);

    public static IResult TooLarge(string field, long limitBytes)
        => Results.Problem(
            detail: $"The {field} is larger than the limit of {limitBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Payload too large.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"At most {limitBytes} bytes."] } });

    public static IResult UnsupportedMediaType(string expected)
        => Results.Problem(
            detail: $"Send the body as {expected}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [$"Expected {expected}."] } });

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
