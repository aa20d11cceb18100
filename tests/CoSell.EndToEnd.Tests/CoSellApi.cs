using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;

namespace CoSell.EndToEnd.Tests;

/// <summary>What a partner portal, an admin feed and a test reading the mailbox do over HTTP, and nothing else.</summary>
public sealed partial class CoSellApi(HttpClient http)
{
    static readonly JsonSerializerOptions MailJson = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public static string OfferPath(string partnerId, string offerId) => $"/api/partners/{partnerId}/offers/{offerId}";

    /// <summary>A draft that passes every automated rule: transactable SaaS built on Azure, sold in the given countries.</summary>
    public static string SaasDraftJson(string name, params string[] countries) => JsonSerializer.Serialize(new
    {
        name,
        solutionType = "IpSolution",
        kind = "SaaS",
        eligibleCountries = countries,
        isTransactable = true,
        cspConfigured = true,
        meetsPublishingRequirements = true,
        businessProfileComplete = true,
        builtOnAzure = true,
        repeatableIpShare = 0.8m,
        landingPageUrl = "https://www.contoso.example/crm",
        socialOrEvidenceUrl = "https://www.linkedin.com/company/contoso-example",
    });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content, string header = "X-Partner-Key")
    {
        using HttpRequestMessage request = new(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(header, key);
        }

        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> CreateDraftAsync(string partnerId, string key, string offerId, string json)
        => await SendAsync(HttpMethod.Put, OfferPath(partnerId, offerId), key, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> UploadAsync(string partnerId, string key, string offerId, string slot, string fileName, byte[] bytes)
    {
        ByteArrayContent content = new(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return await SendAsync(HttpMethod.Put, $"{OfferPath(partnerId, offerId)}/documents/{slot}/{fileName}", key, content);
    }

    public async Task<HttpResponseMessage> ImportContactsAsync(string partnerId, string key, string offerId, string csv)
        => await SendAsync(HttpMethod.Put, $"{OfferPath(partnerId, offerId)}/contacts", key, new StringContent(csv, Encoding.UTF8, "text/csv"));

    public async Task<HttpResponseMessage> ImportRevenueAsync(string adminKey, string month, string csv)
        => await SendAsync(HttpMethod.Put, $"/api/admin/revenue/{month}", adminKey, new StringContent(csv, Encoding.UTF8, "text/csv"), "X-Admin-Key");

    public async Task<HttpResponseMessage> SubmitAsync(string partnerId, string key, string offerId, string submittedBy)
        => await SendAsync(HttpMethod.Post, $"{OfferPath(partnerId, offerId)}/submissions", key,
            new StringContent(JsonSerializer.Serialize(new { submittedBy }), Encoding.UTF8, "application/json"));

    public async Task<T> GetJsonAsync<T>(string path, string key)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, path, key, null);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options) ?? throw new InvalidOperationException($"GET {path} answered null.");
    }

    public Task<StatusResponse> StatusAsync(string partnerId, string key, string offerId)
        => GetJsonAsync<StatusResponse>($"{OfferPath(partnerId, offerId)}/status", key);

    public Task<HistoryResponse> HistoryAsync(string partnerId, string key, string offerId)
        => GetJsonAsync<HistoryResponse>($"{OfferPath(partnerId, offerId)}/history", key);

    /// <summary>Polls the offer status until <paramref name="until"/> holds; fails after <paramref name="timeout"/> with the last status seen.</summary>
    public async Task<StatusResponse> WaitForStatusAsync(string partnerId, string key, string offerId, Func<StatusResponse, bool> until, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        StatusResponse last = await StatusAsync(partnerId, key, offerId);
        while (!until(last))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Status of {partnerId}/{offerId} did not get there within {timeout}; last: {last.Status} ({last.Reason}), review in progress {last.ReviewInProgress}.");
            await Task.Delay(250);
            last = await StatusAsync(partnerId, key, offerId);
        }

        return last;
    }

    /// <summary>
    /// Polls a submission's status until <paramref name="until"/> holds, as a portal would: the reviewer mail goes out
    /// inside the review's invitation step and the status says AwaitingReview once that step is recorded, a moment later.
    /// </summary>
    public async Task<SubmissionStatusResponse> WaitForSubmissionAsync(string statusUri, string key, Func<SubmissionStatusResponse, bool> until, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        SubmissionStatusResponse last = await GetJsonAsync<SubmissionStatusResponse>(statusUri, key);
        while (!until(last))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Submission {statusUri} did not get there within {timeout}; last: {last.RuntimeStatus} {last.CustomStatus?.Stage}.");
            await Task.Delay(100);
            last = await GetJsonAsync<SubmissionStatusResponse>(statusUri, key);
        }

        return last;
    }

    public async Task<IReadOnlyList<CapturedMail>> MailAsync()
    {
        string body = await http.GetStringAsync(new Uri("/dev/mailbox/messages", UriKind.Relative));
        return JsonSerializer.Deserialize<List<CapturedMail>>(body, MailJson) ?? [];
    }

    /// <summary>The mail of one review instance (the notifier tags every mail with its instance id).</summary>
    public static bool BelongsTo(CapturedMail mail, string instanceId)
        => mail.CustomArgs.Values.Any(v => v.StartsWith(instanceId + "/", StringComparison.Ordinal));

    public async Task<CapturedMail> WaitForMailAsync(Func<CapturedMail, bool> match, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            CapturedMail? found = (await MailAsync()).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {what} arrived in the mailbox within {timeout}.");
            await Task.Delay(250);
        }
    }

    /// <summary>The review link in a reviewer's mail, as the reviewer would click it.</summary>
    public static Uri ReviewLink(CapturedMail mail)
    {
        Match match = ReviewLinkPattern().Match(mail.Text ?? string.Empty);
        Assert.True(match.Success, $"No review link in the reviewer mail: {mail.Text}");
        return new Uri(match.Value);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{http.BaseAddress}healthz did not answer 200 within {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    public static string CurrentMonth(TimeProvider? time = null)
        => (time ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"https?://[^\s""'<>]+/review/[^\s""'<>]+")]
    private static partial Regex ReviewLinkPattern();
}
