using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Tests.Http;

public sealed class ApiKeyPartnerAuthenticatorTests
{
    private static readonly ApiKeyPartnerAuthenticator Authenticator = Create(new PartnerAuthOptions { AdminKey = "admin-secret" }, ("contoso", "key-c"), ("fabrikam", "key-f"));

    [Theory]
    [InlineData("key-c", "contoso")]
    [InlineData("key-f", "fabrikam")]
    [InlineData("key-c ", null)]
    [InlineData("KEY-C", null)]
    [InlineData("admin-secret", null)]
    [InlineData("", null)]
    public async Task AuthenticatePartner_PresentedKey_ResolvesOnlyAnExactMatch(string key, string? expected)
    {
        HttpRequest request = Request(ApiKeyPartnerAuthenticator.PartnerKeyHeader, key);

        Assert.Equal(expected, await Authenticator.AuthenticatePartnerAsync(request));
    }

    [Fact]
    public async Task AuthenticatePartner_NoHeaderOrTwoHeaders_Nobody()
    {
        var twice = new DefaultHttpContext();
        twice.Request.Headers[ApiKeyPartnerAuthenticator.PartnerKeyHeader] = new Microsoft.Extensions.Primitives.StringValues(["key-c", "key-f"]);

        Assert.Null(await Authenticator.AuthenticatePartnerAsync(new DefaultHttpContext().Request));
        Assert.Null(await Authenticator.AuthenticatePartnerAsync(twice.Request));
    }

    [Theory]
    [InlineData("admin-secret", true)]
    [InlineData("key-c", false)]
    [InlineData("admin-secre", false)]
    public async Task IsAdmin_PresentedKey_OnlyTheAdminKey(string key, bool expected)
    {
        Assert.Equal(expected, await Authenticator.IsAdminAsync(Request(ApiKeyPartnerAuthenticator.AdminKeyHeader, key)));
    }

    [Fact]
    public async Task IsAdmin_NoAdminKeyConfigured_AdminRoutesClosed()
    {
        ApiKeyPartnerAuthenticator closed = Create(new PartnerAuthOptions(), ("contoso", "key-c"));

        Assert.False(await closed.IsAdminAsync(Request(ApiKeyPartnerAuthenticator.AdminKeyHeader, "")));
        Assert.False(await closed.IsAdminAsync(Request(ApiKeyPartnerAuthenticator.AdminKeyHeader, "anything")));
    }

    [Fact]
    public async Task AuthenticatePartner_PartnerWithEmptyKey_NeverMatches()
    {
        ApiKeyPartnerAuthenticator withBlank = Create(new PartnerAuthOptions(), ("contoso", ""));

        Assert.Null(await withBlank.AuthenticatePartnerAsync(Request(ApiKeyPartnerAuthenticator.PartnerKeyHeader, "")));
    }

    private static ApiKeyPartnerAuthenticator Create(PartnerAuthOptions options, params (string Partner, string Key)[] partners)
    {
        foreach ((string partner, string key) in partners)
        {
            options.Partners[partner] = key;
        }

        return new ApiKeyPartnerAuthenticator(new StaticMonitor(options));
    }

    private static HttpRequest Request(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }

    private sealed class StaticMonitor(PartnerAuthOptions value) : IOptionsMonitor<PartnerAuthOptions>
    {
        public PartnerAuthOptions CurrentValue => value;

        public PartnerAuthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartnerAuthOptions, string?> listener) => null;
    }
}
