using System.Collections.Concurrent;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

/// <summary>Remembers what it signed: a token it did not sign is a bad signature ("x.y") or malformed.</summary>
internal sealed class FakeReviewLinkSigner : IReviewLinkSigner
{
    private readonly ConcurrentDictionary<string, ReviewTokenClaims> _signed = new(StringComparer.Ordinal);

    public string Sign(ReviewTokenClaims claims)
    {
        string token = $"{claims.TokenId}.sig{claims.TokenId.Length}";
        _signed[token] = claims;
        return token;
    }

    public TokenFailure Verify(string token, DateTimeOffset now, out ReviewTokenClaims? claims)
    {
        if (_signed.TryGetValue(token, out claims))
        {
            return claims.ExpiresAt <= now ? TokenFailure.Expired : TokenFailure.None;
        }

        claims = null;
        return token.Contains('.', StringComparison.Ordinal) ? TokenFailure.BadSignature : TokenFailure.Malformed;
    }
}
