namespace CoSell.Workflow.Ports;

/// <summary>What a review link asserts; signed with HMAC-SHA256.</summary>
public sealed record ReviewTokenClaims(string TokenId, string InstanceId, string Reviewer, DateTimeOffset ExpiresAt);

/// <summary>Why a token was refused.</summary>
public enum TokenFailure
{
    None,
    Malformed,
    BadSignature,
    Expired,
}

/// <summary>Signs and verifies review tokens (key from configuration; rotation keeps a grace window).</summary>
public interface IReviewLinkSigner
{
    string Sign(ReviewTokenClaims claims);

    TokenFailure Verify(string token, DateTimeOffset now, out ReviewTokenClaims? claims);
}
