using System.Net;
using Azure;
using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Workflow.Ports;
using global::SendGrid;
using global::SendGrid.Helpers.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoSell.Adapters.SendGrid;

/// <summary>
/// <see cref="INotifier"/> over an outbox table and the real SendGrid client.
/// Table <c>Notifications</c>: PK instance id, RK step; columns To (JSON array), Subject, Text, Html, Attempts,
/// State (<c>Pending</c> | <c>Sent</c>), SentAt, ProviderMessageId, LastError, ClaimedUntil.
/// </summary>
/// <remarks>
/// Flow: insert the Pending row already claimed by this attempt (Attempts = 1, ClaimedUntil) → send → mark Sent with
/// SendGrid's X-Message-Id (ETag-conditional): two table round trips per e-mail. A retry finds the row (409): if Sent,
/// it returns at once without sending; if another attempt's claim is still running, it is transient; otherwise it claims
/// the row by incrementing Attempts with an ETag-conditional update. 429/5xx/network/timeout → <see cref="TransientNotificationException"/> (LastError recorded);
/// other 4xx → <see cref="InvalidOperationException"/>. Every message carries the custom arg and header
/// <c>cosell_notification</c> / <c>X-CoSell-Notification</c> = <c>{instanceId}/{step}</c> so duplicates are visible downstream.
/// A send that succeeded at SendGrid but timed out here is sent again on retry: delivery is at least once.
/// </remarks>
public sealed class SendGridNotifier : INotifier
{
    public const string CustomArgName = "cosell_notification";
    public const string HeaderName = "X-CoSell-Notification";
    public const string StatePending = "Pending";
    public const string StateSent = "Sent";
    const int MaxRowAttempts = 5;
    const int MaxErrorChars = 500;

    readonly CoSellTables _tables;
    readonly ISendGridClient _client;
    readonly SendGridOptions _options;
    readonly TimeProvider _time;
    readonly ILogger<SendGridNotifier> _log;

    public SendGridNotifier(CoSellTables tables, ISendGridClient client, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridNotifier>? log = null)
    {
        _tables = tables;
        _client = client;
        _options = options.Value;
        _time = time;
        _log = log ?? NullLogger<SendGridNotifier>.Instance;
    }

    /// <summary>
    /// The SendGrid client for the options: no hidden retries (the workflow's retry policy decides), a request timeout,
    /// and pooled connections recycled every few minutes so a long-lived singleton follows DNS changes.
    /// </summary>
    public static SendGridClient CreateClient(SendGridOptions options)
    {
#pragma warning disable CA2000 // The HttpClient lives as long as the singleton SendGridClient that owns it.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.Timeout };
#pragma warning restore CA2000
        return new SendGridClient(http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Host });
    }

    public static string KeyOf(string instanceId, string step) => instanceId + "/" + step;

    public async Task<NotificationReceipt> SendAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        TableColumns.Key(request.InstanceId, nameof(request.InstanceId));
        TableColumns.Key(request.Step, nameof(request.Step));
        if (request.To.Count == 0 || request.To.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A notification needs at least one recipient and no empty address.", nameof(request));
        }

        TableClient table = await _tables.GetAsync(CoSellTables.Notifications, cancellationToken);
        (TableEntity? row, NotificationReceipt? alreadySent) = await ClaimAsync(table, request, cancellationToken);
        if (alreadySent is not null)
        {
            _log.LogInformation("Notification {InstanceId}/{Step} was already sent; not sending again", request.InstanceId, request.Step);
            return alreadySent;
        }

        global::SendGrid.Response response;
        try
        {
            response = await _client.SendEmailAsync(BuildMessage(request), cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            string error = $"SendGrid could not be reached: {ex.HttpRequestError}.";
            await ReleaseAsync(table, row!, error, cancellationToken);
            throw new TransientNotificationException($"Notification {KeyOf(request.InstanceId, request.Step)}: {error}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            string error = $"SendGrid did not answer within {_options.Timeout}.";
            await ReleaseAsync(table, row!, error, CancellationToken.None);
            throw new TransientNotificationException($"Notification {KeyOf(request.InstanceId, request.Step)}: {error}", ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(table, row!, "The send was cancelled by the caller; SendGrid may or may not have accepted it.", CancellationToken.None);
            throw;
        }

        int status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            string? messageId = response.Headers is not null && response.Headers.TryGetValues("X-Message-Id", out IEnumerable<string>? values)
                ? values.FirstOrDefault()
                : null;
            return await MarkSentAsync(table, row!, request, messageId, cancellationToken);
        }

        string body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken);
        string reason = $"SendGrid answered {status} {response.StatusCode}" + (body.Length == 0 ? "." : ": " + Truncate(body));
        await ReleaseAsync(table, row!, reason, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            throw new TransientNotificationException($"Notification {KeyOf(request.InstanceId, request.Step)}: {reason}");
        }

        throw new InvalidOperationException($"Notification {KeyOf(request.InstanceId, request.Step)} was refused: {reason}");
    }

    SendGridMessage BuildMessage(NotificationRequest request)
    {
        var message = new SendGridMessage { Subject = request.Subject };
        message.SetFrom(new EmailAddress(_options.FromAddress, _options.FromName));
        message.AddTos(request.To.Select(to => new EmailAddress(to)).ToList());
        if (!string.IsNullOrEmpty(request.PlainText))
        {
            message.PlainTextContent = request.PlainText;
        }

        if (!string.IsNullOrEmpty(request.Html))
        {
            message.HtmlContent = request.Html;
        }

        string key = KeyOf(request.InstanceId, request.Step);
        message.AddCustomArg(CustomArgName, key);
        message.AddHeader(HeaderName, key);
        return message;
    }

    /// <summary>
    /// Claims the outbox row for one attempt, or returns the receipt of an earlier send. The first attempt inserts the
    /// row already claimed (one round trip); a later one finds it (409), loads it and claims it with an ETag-conditional
    /// update.
    /// </summary>
    async Task<(TableEntity? Row, NotificationReceipt? AlreadySent)> ClaimAsync(TableClient table, NotificationRequest request, CancellationToken cancellationToken)
    {
        TableEntity fresh = NewRow(request);
        try
        {
            Azure.Response added = await table.AddEntityAsync(fresh, cancellationToken);
            if (added.Headers.ETag is { } etag)
            {
                fresh.ETag = etag;
                return (fresh, null);
            }
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex))
        {
            // An earlier attempt inserted it: look at what it did.
        }

        for (int attempt = 0; attempt < MaxRowAttempts; attempt++)
        {
            NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(request.InstanceId, request.Step, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                throw new TransientNotificationException($"Notification {KeyOf(request.InstanceId, request.Step)}: the outbox row disappeared; retry later.");
            }

            TableEntity row = found.Value!;
            if (row.GetString("State") == StateSent)
            {
                return (null, ReceiptOf(row, alreadySent: true));
            }

            DateTimeOffset now = _time.GetUtcNow();
            if (row.GetDateTimeOffset("ClaimedUntil") is { } claimedUntil && claimedUntil > now)
            {
                throw new TransientNotificationException(
                    $"Notification {KeyOf(request.InstanceId, request.Step)} is being sent by another attempt until {claimedUntil:O}; retry later.");
            }

            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["ClaimedUntil"] = now + _options.ClaimDuration;
            try
            {
                Azure.Response updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                row.ETag = updated.Headers.ETag ?? row.ETag;
                return (row, null);
            }
            catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex))
            {
                // Changed under us; reload and look again.
            }
        }

        throw new TransientNotificationException($"Notification {KeyOf(request.InstanceId, request.Step)}: the outbox row kept changing; retry later.");
    }

    async Task<NotificationReceipt> MarkSentAsync(TableClient table, TableEntity row, NotificationRequest request, string? messageId, CancellationToken cancellationToken)
    {
        DateTimeOffset sentAt = _time.GetUtcNow();
        for (int attempt = 0; attempt < MaxRowAttempts; attempt++)
        {
            row["State"] = StateSent;
            row["SentAt"] = sentAt;
            TableColumns.SetIfNotNull(row, "ProviderMessageId", messageId);
            row.Remove("ClaimedUntil");
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, CancellationToken.None);
                _log.LogInformation("Notification {InstanceId}/{Step} sent as {MessageId}", request.InstanceId, request.Step, messageId);
                return new NotificationReceipt(request.InstanceId, request.Step, messageId, sentAt, AlreadySent: false);
            }
            catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex))
            {
                NullableResponse<TableEntity> current = await table.GetEntityIfExistsAsync<TableEntity>(request.InstanceId, request.Step, cancellationToken: cancellationToken);
                if (!current.HasValue)
                {
                    break;
                }

                if (current.Value!.GetString("State") == StateSent)
                {
                    return ReceiptOf(current.Value, alreadySent: true);
                }

                row = current.Value;
            }
        }

        throw new InvalidOperationException($"Notification {KeyOf(request.InstanceId, request.Step)} was sent ({messageId}) but could not be marked sent.");
    }

    /// <summary>Records why the attempt failed and releases the claim; best effort (a concurrent change wins).</summary>
    async Task ReleaseAsync(TableClient table, TableEntity row, string error, CancellationToken cancellationToken)
    {
        row["LastError"] = error;
        row.Remove("ClaimedUntil");
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex))
        {
            _log.LogWarning("Notification {Key}: the outbox row changed before the failure could be recorded", KeyOf(row.PartitionKey, row.RowKey));
        }
    }

    /// <summary>A new Pending row, claimed by the attempt that inserts it.</summary>
    TableEntity NewRow(NotificationRequest request)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var row = new TableEntity(request.InstanceId, request.Step)
        {
            ["To"] = TableJson.Serialize(request.To),
            ["Subject"] = request.Subject,
            ["Attempts"] = 1,
            ["State"] = StatePending,
            ["CreatedAt"] = now,
            ["ClaimedUntil"] = now + _options.ClaimDuration,
        };
        TableColumns.SetLongString(row, "Text", request.PlainText);
        TableColumns.SetLongString(row, "Html", request.Html);
        TableColumns.EnsureFits(row, $"Notification {KeyOf(request.InstanceId, request.Step)}");
        return row;
    }

    static NotificationReceipt ReceiptOf(TableEntity row, bool alreadySent) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("ProviderMessageId"),
        row.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue,
        alreadySent);

    static string Truncate(string value) => value.Length <= MaxErrorChars ? value : value[..MaxErrorChars] + "…";
}
