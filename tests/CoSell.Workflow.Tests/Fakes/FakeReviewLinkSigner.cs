using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>A real HMAC signer with a fixed test key: token = base64url(claims) + "." + base64url(HMAC).</summary>
public sealed class FakeReviewLinkSigner : IReviewLinkSigner
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("workflow-tests-signing-key-0123456789");

    public string Sign(ReviewTokenClaims claims)
    {
        string payload = string.Join('\n', claims.TokenId, claims.InstanceId, claims.Reviewer, claims.ExpiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        byte[] bytes = Encoding.UTF8.GetBytes(payload);
        return Base64Url(bytes) + "." + Base64Url(HMACSHA256.HashData(Key, bytes));
    }

    public TokenFailure Verify(string token, DateTimeOffset now, out ReviewTokenClaims? claims)
    {
        claims = null;
        string[] parts = token.Split('.');
        if (parts.Length != 2)
        {
            return TokenFailure.Malformed;
        }

        byte[] payload = FromBase64Url(parts[0]);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Key, payload), FromBase64Url(parts[1])))
        {
            return TokenFailure.BadSignature;
        }

        string[] fields = Encoding.UTF8.GetString(payload).Split('\n');
        claims = new ReviewTokenClaims(fields[0], fields[1], fields[2], new DateTimeOffset(long.Parse(fields[3], CultureInfo.InvariantCulture), TimeSpan.Zero));
        return claims.ExpiresAt <= now ? TokenFailure.Expired : TokenFailure.None;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string value)
    {
        string s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
