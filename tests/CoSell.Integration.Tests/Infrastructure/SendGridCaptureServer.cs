using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>One request SendGrid would have received, as the test sees it.</summary>
/// <param name="NotificationKey">The <c>cosell_notification</c> custom arg ({instanceId}/{step}), if present.</param>
/// <param name="Answer">The status code the server answered with.</param>
public sealed record CapturedMail(
    string? NotificationKey,
    IReadOnlyList<string> To,
    string? Subject,
    string? Text,
    string? Html,
    string RawJson,
    string? Authorization,
    string MessageId,
    HttpStatusCode Answer);

/// <summary>
/// A stand-in for the SendGrid API on 127.0.0.1 (random port): <c>POST /v3/mail/send</c> records the JSON and answers
/// 202 with an <c>X-Message-Id</c>. It can be told to answer an error for the next N requests, or to accept the next
/// N mails but answer only after a delay (the client times out although the mail went out).
/// </summary>
public sealed class SendGridCaptureServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly Lock _gate = new();
    readonly List<CapturedMail> _requests = [];
    int _failuresLeft;
    HttpStatusCode _failureStatus;
    int _slowLeft;
    TimeSpan _slowDelay;
    int _sequence;

    SendGridCaptureServer(WebApplication app) => _app = app;

    /// <summary>Base address for <c>SendGridOptions.Host</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Host => _app.Urls.First();

    /// <summary>Every request received, in order, including refused ones.</summary>
    public IReadOnlyList<CapturedMail> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The mails the server accepted (2xx), including slow answers.</summary>
    public IReadOnlyList<CapturedMail> Delivered => [.. Requests.Where(r => (int)r.Answer is >= 200 and < 300)];

    public static async Task<SendGridCaptureServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new SendGridCaptureServer(app);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> and not delivered.</summary>
    public void FailNext(int count, HttpStatusCode status)
    {
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = status;
        }
    }

    /// <summary>The next <paramref name="count"/> mails are accepted but answered only after <paramref name="delay"/>.</summary>
    public void SucceedSlowlyNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _slowLeft = count;
            _slowDelay = delay;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string json = await reader.ReadToEndAsync(context.RequestAborted);
        HttpStatusCode answer = HttpStatusCode.Accepted;
        TimeSpan delay = TimeSpan.Zero;
        string messageId;
        lock (_gate)
        {
            messageId = "msg-" + (++_sequence).ToString(CultureInfo.InvariantCulture);
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                answer = _failureStatus;
            }
            else if (_slowLeft > 0)
            {
                _slowLeft--;
                delay = _slowDelay;
            }

            _requests.Add(Parse(json, context.Request.Headers.Authorization.ToString(), messageId, answer));
        }

        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = (int)answer;
        if (answer == HttpStatusCode.Accepted)
        {
            context.Response.Headers["X-Message-Id"] = messageId;
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "capture server refused this request" } } });
        }
    }

    static CapturedMail Parse(string json, string authorization, string messageId, HttpStatusCode answer)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        var to = new List<string>();
        string? key = null;
        if (root.TryGetProperty("personalizations", out JsonElement personalizations))
        {
            foreach (JsonElement p in personalizations.EnumerateArray())
            {
                if (p.TryGetProperty("to", out JsonElement tos))
                {
                    to.AddRange(tos.EnumerateArray().Select(t => t.GetProperty("email").GetString()!));
                }

                if (p.TryGetProperty("custom_args", out JsonElement args) && args.TryGetProperty("cosell_notification", out JsonElement k))
                {
                    key ??= k.GetString();
                }
            }
        }

        string? text = null, html = null;
        if (root.TryGetProperty("content", out JsonElement contents))
        {
            foreach (JsonElement c in contents.EnumerateArray())
            {
                string? type = c.GetProperty("type").GetString();
                if (type == "text/plain")
                {
                    text = c.GetProperty("value").GetString();
                }
                else if (type == "text/html")
                {
                    html = c.GetProperty("value").GetString();
                }
            }
        }

        string? subject = root.TryGetProperty("subject", out JsonElement s) ? s.GetString() : null;
        return new CapturedMail(key, to, subject, text, html, json, authorization.Length == 0 ? null : authorization, messageId, answer);
    }
}
