using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoSell.LocalHost.Mailbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;

namespace CoSell.Integration.Tests.Engine;

public sealed class MailboxTests : IAsyncLifetime
{
    const string AdminKey = "test-admin-key";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    LocalHostUnderTest host = null!;
    HttpClient http = null!;
    SendGridClient sendGrid = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PartnerAuth:AdminKey"] = AdminKey });
        builder.Services.AddLocalMailbox(builder.Configuration);
        WebApplication app = builder.Build();
        app.MapLocalMailbox();
        host = await LocalHostUnderTest.StartAsync(app);
        http = host.Http;
        sendGrid = new SendGridClient(new SendGridClientOptions { ApiKey = "SG.local-test", Host = host.SiteAddress });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Send_FromRealSendGridClient_IsCapturedAndAnswered202WithMessageId()
    {
        SendGridMessage message = MailHelper.CreateSingleEmail(
            new EmailAddress("noreply@cosell.local", "Co-sell"), new EmailAddress("reviewer@contoso.com"),
            "Review Contoso CRM", "Open https://localhost:7071/review/abc to decide.", "<p><a href=\"https://localhost:7071/review/abc\">Review</a></p>");
        message.AddCustomArg("instanceId", "cosell-contoso.crm-3");
        message.AddHeader("X-CoSell-Step", "review-request");

        Response response = await sendGrid.SendEmailAsync(message);
        List<CapturedMail> mails = await MessagesAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = Assert.Single(response.Headers.GetValues("X-Message-Id"));
        CapturedMail mail = Assert.Single(mails);
        Assert.Equal(id, mail.Id);
        Assert.Equal("noreply@cosell.local", mail.From);
        Assert.Equal(["reviewer@contoso.com"], mail.To);
        Assert.Equal("Review Contoso CRM", mail.Subject);
        Assert.Equal("Open https://localhost:7071/review/abc to decide.", mail.Text);
        Assert.Contains("href=\"https://localhost:7071/review/abc\"", mail.Html, StringComparison.Ordinal);
        Assert.Equal("cosell-contoso.crm-3", mail.CustomArgs["instanceId"]);
        Assert.Equal("review-request", mail.Headers["X-CoSell-Step"]);
    }

    [Fact]
    public async Task Send_FaultSwitchSetForTwo_RefusesTwoThenAccepts()
    {
        using HttpRequestMessage set = new(HttpMethod.Post, MailboxEndpoints.FaultsPath) { Content = JsonContent.Create(new { status = 429, count = 2 }) };
        set.Headers.Add("X-Admin-Key", AdminKey);
        using HttpResponseMessage setResponse = await http.SendAsync(set);

        HttpStatusCode[] statuses = new HttpStatusCode[3];
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await sendGrid.SendEmailAsync(SimpleMail($"attempt {i}"))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, setResponse.StatusCode);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted], statuses);
        Assert.Equal("attempt 2", Assert.Single(await MessagesAsync()).Subject);
    }

    [Fact]
    public async Task Faults_WithoutAdminKey_Are401AndChangeNothing()
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(MailboxEndpoints.FaultsPath, new { status = 503, count = 5 });

        Response send = await sendGrid.SendEmailAsync(SimpleMail("still delivered"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
    }

    [Fact]
    public async Task Faults_WithStatusThatIsNoFault_Are400()
    {
        using HttpRequestMessage set = new(HttpMethod.Post, MailboxEndpoints.FaultsPath) { Content = JsonContent.Create(new { status = 200, count = 1 }) };
        set.Headers.Add("X-Admin-Key", AdminKey);

        using HttpResponseMessage response = await http.SendAsync(set);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await sendGrid.SendEmailAsync(SimpleMail("ok"))).StatusCode);
    }

    [Fact]
    public async Task Send_WithoutSubjectOrContent_Is400WithSendGridErrorsAndNotCaptured()
    {
        using HttpRequestMessage request = new(HttpMethod.Post, MailboxEndpoints.SendPath)
        {
            Content = JsonContent.Create(new { from = new { email = "a@b.c" }, personalizations = new[] { new { to = new[] { new { email = "x@y.z" } } } } }),
        };
        request.Headers.Authorization = new("Bearer", "SG.x");

        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string[] fields = [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() ?? "")];
        Assert.Equal(["content", "subject"], fields);
        Assert.Empty(await MessagesAsync());
    }

    [Fact]
    public async Task Send_WithoutApiKey_Is401()
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(MailboxEndpoints.SendPath, new { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Page_ListsNewestFirst_LinksUrls_AndEncodesMarkup()
    {
        await sendGrid.SendEmailAsync(SimpleMail("first mail"));
        await sendGrid.SendEmailAsync(MailHelper.CreateSingleEmail(
            new EmailAddress("noreply@cosell.local"), new EmailAddress("partner@contoso.com"),
            "<script>alert(1)</script>", "Decide at https://localhost:7071/review/t1?a=1&b=2.", "<img src=x onerror=alert(2)>"));

        using HttpResponseMessage response = await http.GetAsync(new Uri(MailboxEndpoints.PagePath, UriKind.Relative));
        string page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://localhost:7071/review/t1?a=1&amp;b=2\">", page, StringComparison.Ordinal);
        Assert.Contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("&lt;script&gt;", StringComparison.Ordinal) < page.IndexOf("first mail", StringComparison.Ordinal));
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Messages_EmptiesTheMailbox()
    {
        await sendGrid.SendEmailAsync(SimpleMail("to be cleared"));

        using HttpResponseMessage response = await http.DeleteAsync(new Uri(MailboxEndpoints.MessagesPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await MessagesAsync());
    }

    [Fact]
    public void Store_WithFile_KeepsMailAcrossRestartUntilCleared()
    {
        string file = Path.Combine(Path.GetTempPath(), $"mailbox-{Guid.NewGuid():N}.jsonl");
        IOptions<MailboxOptions> options = Options.Create(new MailboxOptions { FilePath = file });
        try
        {
            new MailboxStore(options).Add(new CapturedMail("m1", DateTimeOffset.UnixEpoch, "a@b.c", ["x@y.z"], [], "kept", "body", null,
                new Dictionary<string, string> { ["k"] = "v" }, new Dictionary<string, string>(), []));

            MailboxStore restarted = new(options);
            CapturedMail kept = Assert.Single(restarted.List());
            restarted.Clear();

            Assert.Equal("kept", kept.Subject);
            Assert.Equal("v", kept.CustomArgs["k"]);
            Assert.Empty(new MailboxStore(options).List());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("see https://a.test/x.", "see <a href=\"https://a.test/x\">https://a.test/x</a>.")]
    [InlineData("(https://a.test/y)", "(<a href=\"https://a.test/y\">https://a.test/y</a>)")]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("<b>https://a.test/\"onmouseover=x</b>", "&lt;b&gt;<a href=\"https://a.test/\">https://a.test/</a>&quot;onmouseover=x&lt;/b&gt;")]
    public void AutoLink_Text_LinksOnlyHttpUrlsAndEncodesTheRest(string text, string expected)
    {
        Assert.Equal(expected, MailboxPage.AutoLink(text));
    }

    static SendGridMessage SimpleMail(string subject)
        => MailHelper.CreateSingleEmail(new EmailAddress("noreply@cosell.local"), new EmailAddress("partner@contoso.com"), subject, "text", null);

    async Task<List<CapturedMail>> MessagesAsync()
        => await http.GetFromJsonAsync<List<CapturedMail>>(new Uri(MailboxEndpoints.MessagesPath, UriKind.Relative), Json) ?? [];
}
