using System.Net;
using Azure.Data.Tables;
using CoSell.Adapters.SendGrid;
using CoSell.Adapters.Tables;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.SendGrid;

[Trait("Category", "Integration")]
public sealed class SendGridNotifierTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    const string ApiKey = "SG.test-key-7f3a9c1e5b.do-not-leak-0d2e4f6a8b";
    readonly CoSellTables _tables;
    readonly RequestCounter _requests = new();
    SendGridCaptureServer _mailbox = null!;

    public SendGridNotifierTests(AzuriteFixture azurite) => _tables = azurite.Tables(_requests);

    public async Task InitializeAsync() => _mailbox = await SendGridCaptureServer.StartAsync();

    public async Task DisposeAsync() => await _mailbox.DisposeAsync();

    SendGridNotifier Notifier(string? host = null, TimeSpan? timeout = null)
    {
        var options = new SendGridOptions
        {
            ApiKey = ApiKey,
            FromAddress = "cosell@microsoft.example",
            FromName = "Co-sell review",
            Host = host ?? _mailbox.Host,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        Assert.Empty(options.Validate());
        return new SendGridNotifier(_tables, SendGridNotifier.CreateClient(options), Options.Create(options), TimeProvider.System);
    }

    static NotificationRequest Request(string step = "review-requested") => new(
        "cosell-p-n." + Guid.NewGuid().ToString("N")[..10] + "-1",
        step,
        ["reviewer@microsoft.example", "lead@microsoft.example"],
        "Co-sell review: Contoso Insights",
        "Please review Contoso Insights.",
        "<p>Please review <b>Contoso Insights</b>.</p>");

    async Task<TableEntity> OutboxRow(NotificationRequest request)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.Notifications);
        return (await table.GetEntityAsync<TableEntity>(request.InstanceId, request.Step)).Value;
    }

    [Fact]
    public async Task SendAsync_NewNotification_SendsOnceAndRecordsSent()
    {
        NotificationRequest request = Request();

        NotificationReceipt receipt = await Notifier().SendAsync(request);

        CapturedMail mail = Assert.Single(_mailbox.Delivered);
        Assert.Equal($"{request.InstanceId}/{request.Step}", mail.NotificationKey);
        Assert.Equal(request.To, mail.To);
        Assert.Equal(request.Subject, mail.Subject);
        Assert.Equal(request.PlainText, mail.Text);
        Assert.Equal(request.Html, mail.Html);
        Assert.False(receipt.AlreadySent);
        Assert.Equal(mail.MessageId, receipt.ProviderMessageId);
        TableEntity row = await OutboxRow(request);
        Assert.Equal(SendGridNotifier.StateSent, row.GetString("State"));
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Equal(mail.MessageId, row.GetString("ProviderMessageId"));
    }

    [Fact]
    public async Task SendAsync_NewNotification_CostsTwoTableRoundTripsAndARepeatTwoMore()
    {
        NotificationRequest request = Request();
        SendGridNotifier notifier = Notifier();
        await _tables.GetAsync(CoSellTables.Notifications);
        _requests.Reset();

        await notifier.SendAsync(request);
        IReadOnlyList<string> send = _requests.Requests;
        _requests.Reset();
        NotificationReceipt repeat = await notifier.SendAsync(request);

        Assert.Equal(["POST", "PUT"], send.Select(r => r.Split(' ')[0]));
        Assert.True(repeat.AlreadySent);
        Assert.Equal(["POST", "GET"], _requests.Requests.Select(r => r.Split(' ')[0]));
        Assert.Single(_mailbox.Delivered);
    }

    [Fact]
    public async Task SendAsync_SameNotificationAgain_ReturnsEarlierReceiptWithoutSending()
    {
        NotificationRequest request = Request();
        SendGridNotifier notifier = Notifier();
        NotificationReceipt first = await notifier.SendAsync(request);

        NotificationReceipt second = await Notifier().SendAsync(request);

        Assert.Single(_mailbox.Requests);
        Assert.True(second.AlreadySent);
        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(first.SentAt, second.SentAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task SendAsync_ThrottledOrServerErrorThenSuccess_DeliveredOnceAfterTwoAttempts(HttpStatusCode failure)
    {
        NotificationRequest request = Request();
        SendGridNotifier notifier = Notifier();
        _mailbox.FailNext(1, failure);

        await Assert.ThrowsAsync<TransientNotificationException>(() => notifier.SendAsync(request));
        TableEntity afterFailure = await OutboxRow(request);
        NotificationReceipt receipt = await notifier.SendAsync(request);

        Assert.Equal(SendGridNotifier.StatePending, afterFailure.GetString("State"));
        Assert.Contains(((int)failure).ToString(System.Globalization.CultureInfo.InvariantCulture), afterFailure.GetString("LastError"), StringComparison.Ordinal);
        Assert.Equal(2, _mailbox.Requests.Count);
        CapturedMail delivered = Assert.Single(_mailbox.Delivered);
        Assert.Equal(delivered.MessageId, receipt.ProviderMessageId);
        TableEntity row = await OutboxRow(request);
        Assert.Equal(2, row.GetInt32("Attempts"));
        Assert.Equal(SendGridNotifier.StateSent, row.GetString("State"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task SendAsync_ClientError_FailsPermanentlyAndStaysPending(HttpStatusCode failure)
    {
        NotificationRequest request = Request();
        _mailbox.FailNext(1, failure);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => Notifier().SendAsync(request));

        Assert.Contains(((int)failure).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        TableEntity row = await OutboxRow(request);
        Assert.Equal(SendGridNotifier.StatePending, row.GetString("State"));
        Assert.Empty(_mailbox.Delivered);
    }

    [Fact]
    public async Task SendAsync_ProviderAcceptsButAnswersTooLate_IsTransientAndTheRetryDuplicateCarriesTheSameKey()
    {
        NotificationRequest request = Request();
        SendGridNotifier impatient = Notifier(timeout: TimeSpan.FromMilliseconds(300));
        _mailbox.SucceedSlowlyNext(1, TimeSpan.FromSeconds(30));

        TransientNotificationException error = await Assert.ThrowsAsync<TransientNotificationException>(() => impatient.SendAsync(request));
        NotificationReceipt receipt = await Notifier().SendAsync(request);

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _mailbox.Delivered.Count);
        Assert.All(_mailbox.Delivered, m => Assert.Equal($"{request.InstanceId}/{request.Step}", m.NotificationKey));
        Assert.Equal(_mailbox.Delivered[1].MessageId, receipt.ProviderMessageId);
        Assert.Equal(2, (await OutboxRow(request)).GetInt32("Attempts"));
    }

    [Fact]
    public async Task SendAsync_ProviderUnreachable_IsTransientAndRecordsTheError()
    {
        NotificationRequest request = Request();
        SendGridNotifier notifier = Notifier(host: "http://127.0.0.1:9");

        await Assert.ThrowsAsync<TransientNotificationException>(() => notifier.SendAsync(request));

        TableEntity row = await OutboxRow(request);
        Assert.Equal(SendGridNotifier.StatePending, row.GetString("State"));
        Assert.Contains("could not be reached", row.GetString("LastError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TwoConcurrentAttempts_SendsOnce()
    {
        NotificationRequest request = Request();
        _mailbox.SucceedSlowlyNext(1, TimeSpan.FromMilliseconds(500));

        Task<NotificationReceipt>[] attempts = [Task.Run(() => Notifier().SendAsync(request)), Task.Run(() => Notifier().SendAsync(request))];
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (TransientNotificationException)
        {
            // The loser either saw the claim (transient) or the finished send (AlreadySent).
        }

        Assert.Single(_mailbox.Requests);
        Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully && !a.Result.AlreadySent));
        Assert.Equal(SendGridNotifier.StateSent, (await OutboxRow(request)).GetString("State"));
    }

    [Fact]
    public async Task SendAsync_SuccessAndFailures_NeverPutTheApiKeyInMailsErrorsOrTheOutbox()
    {
        NotificationRequest throttled = Request("throttled");
        NotificationRequest refused = Request("refused");
        SendGridNotifier notifier = Notifier();
        _mailbox.FailNext(1, HttpStatusCode.TooManyRequests);
        Exception first = await Assert.ThrowsAsync<TransientNotificationException>(() => notifier.SendAsync(throttled));
        await notifier.SendAsync(throttled);
        _mailbox.FailNext(1, HttpStatusCode.BadRequest);

        Exception second = await Assert.ThrowsAsync<InvalidOperationException>(() => notifier.SendAsync(refused));

        Assert.Equal(3, _mailbox.Requests.Count);
        Assert.All(_mailbox.Requests, m => Assert.DoesNotContain(ApiKey, m.RawJson, StringComparison.Ordinal));
        Assert.All(_mailbox.Requests, m => Assert.Equal("Bearer " + ApiKey, m.Authorization));
        Assert.DoesNotContain(ApiKey, first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, second.ToString(), StringComparison.Ordinal);
        foreach (NotificationRequest request in new[] { throttled, refused })
        {
            TableEntity row = await OutboxRow(request);
            Assert.All(row.Select(p => p.Value), v => Assert.DoesNotContain(ApiKey, v?.ToString() ?? "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SendAsync_NoRecipient_ThrowsBeforeWritingOrSending()
    {
        NotificationRequest request = Request() with { To = [] };

        await Assert.ThrowsAsync<ArgumentException>(() => Notifier().SendAsync(request));

        Assert.Empty(_mailbox.Requests);
    }
}
