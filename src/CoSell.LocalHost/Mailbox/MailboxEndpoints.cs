using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost.Mailbox;

/// <summary>
/// A SendGrid-compatible capture endpoint (<c>POST /v3/mail/send</c>) and the pages to read what it captured.
/// Point the SendGrid client's host at the local host and every mail lands here instead of the internet.
/// </summary>
public static class MailboxEndpoints
{
    public const string SendPath = "/v3/mail/send";
    public const string PagePath = "/dev/mailbox";
    public const string MessagesPath = "/dev/mailbox/messages";
    public const string FaultsPath = "/dev/mailbox/faults";

    /// <summary>SendGrid refuses bodies over 30 MB; the mailbox does the same.</summary>
    const long MaxBodyBytes = 30L * 1024 * 1024;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddLocalMailbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailboxOptions>()
            .Bind(configuration.GetSection(MailboxOptions.Section))
            .PostConfigure(o => o.AdminKey ??= configuration["PartnerAuth:AdminKey"]);
        services.AddSingleton<MailboxStore>();
        services.AddSingleton<MailboxFaults>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapLocalMailbox(this IEndpointRouteBuilder app)
    {
        app.MapPost(SendPath, SendAsync).DisableAntiforgery();
        app.MapGet(PagePath, (HttpContext context, MailboxStore store, MailboxFaults faults) =>
        {
            context.Response.Headers.ContentSecurityPolicy = MailboxPage.ContentSecurityPolicy;
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(MailboxPage.Render(store.List(), faults.Remaining), "text/html; charset=utf-8");
        });
        app.MapGet(MessagesPath, (MailboxStore store) => Results.Json(store.List(), Json));
        app.MapDelete(MessagesPath, (MailboxStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });
        app.MapPost(FaultsPath, SetFaultsAsync);
        return app;
    }

    static async Task<IResult> SendAsync(HttpContext context, MailboxStore store, MailboxFaults faults, TimeProvider time, CancellationToken cancellationToken)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
        {
            return SendGridErrors(StatusCodes.Status401Unauthorized, new SendGridError("The provided authorization grant is invalid, expired, or revoked", null));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return SendGridErrors(StatusCodes.Status413PayloadTooLarge, new SendGridError("The JSON payload you have included in your request is too large.", null));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return SendGridErrors(StatusCodes.Status400BadRequest, new SendGridError("Bad Request", null));
        }

        using (document)
        {
            if (faults.TryTake(out int faultStatus))
            {
                context.Response.Headers.RetryAfter = "1";
                return SendGridErrors(faultStatus, new SendGridError(faultStatus == 429 ? "too many requests" : "internal error (injected by the local mailbox)", null));
            }

            string id = NewMessageId();
            (CapturedMail? mail, IReadOnlyList<SendGridError> errors) = SendGridPayload.Parse(document.RootElement, id, time.GetUtcNow());
            if (mail is null)
            {
                return SendGridErrors(StatusCodes.Status400BadRequest, [.. errors]);
            }

            store.Add(mail);
            context.Response.Headers["X-Message-Id"] = id;
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
    }

    static async Task<IResult> SetFaultsAsync(HttpContext context, MailboxFaults faults, IOptions<MailboxOptions> options, CancellationToken cancellationToken)
    {
        string? expected = options.Value.AdminKey;
        string? given = context.Request.Headers["X-Admin-Key"];
        if (string.IsNullOrEmpty(expected))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No admin key is configured", detail: "Set PartnerAuth:AdminKey (or Mailbox:AdminKey) to use the fault switch.");
        }

        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required", detail: "Send the admin key in the X-Admin-Key header.");
        }

        FaultRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<FaultRequest>(Json, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            request = null;
        }

        if (request is null || !MailboxFaults.IsInjectable(request.Status) || request.Count is < 0 or > 1000)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = ["Send {\"status\": 429 or 5xx, \"count\": 0..1000}."] },
                title: "Invalid fault request");
        }

        faults.Set(request.Status, request.Count);
        return Results.Json(new FaultRequest(request.Status, faults.Remaining), Json);
    }

    static IResult SendGridErrors(int status, params SendGridError[] errors)
        => Results.Json(new { errors = errors.Select(e => new { message = e.Message, field = e.Field }) }, Json, statusCode: status);

    static string NewMessageId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal sealed record FaultRequest(int Status, int Count);
}
