using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Adapters.Signing;

/// <summary>
/// Review tokens: <c>base64url(JSON claims).base64url(HMAC-SHA256(key, first segment))</c>. The claims carry a key id
/// (the first 8 bytes of SHA-256 of the key, base64url) so a rotated key still verifies links it signed.
/// Expiry is stored in whole Unix seconds. Signatures are compared in constant time.
/// </summary>
public sealed class HmacReviewLinkSigner : IReviewLinkSigner
{
    /// <summary>Longer input is refused before any decoding.</summary>
    public const int MaxTokenLength = 4096;

    readonly SigningKey _current;
    readonly IReadOnlyList<SigningKey> _verifyKeys;

    public HmacReviewLinkSigner(IOptions<ApprovalOptions> options)
    {
        ApprovalOptions o = options.Value;
        IReadOnlyList<string> errors = o.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ApprovalOptions.Section, typeof(ApprovalOptions), errors);
        }

        _current = new SigningKey(ApprovalOptions.DecodeKey(o.SigningKey)!);
        _verifyKeys = [_current, .. o.PreviousSigningKeys.Select(k => new SigningKey(ApprovalOptions.DecodeKey(k)!))];
    }

    public string Sign(ReviewTokenClaims claims)
    {
        var payload = new Payload(_current.Id, claims.TokenId, claims.InstanceId, claims.Reviewer, claims.ExpiresAt.ToUnixTimeSeconds());
        string body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, PayloadContext.Default.Payload));
        return body + "." + Base64Url.EncodeToString(_current.Mac(body));
    }

    public TokenFailure Verify(string token, DateTimeOffset now, out ReviewTokenClaims? claims)
    {
        claims = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return TokenFailure.Malformed;
        }

        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return TokenFailure.Malformed;
        }

        string body = token[..dot];
        Payload? payload;
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(body), PayloadContext.Default.Payload);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return TokenFailure.Malformed;
        }

        if (payload is null || string.IsNullOrEmpty(payload.Kid) || string.IsNullOrEmpty(payload.Tid) || string.IsNullOrEmpty(payload.Iid)
            || payload.Rev is null || payload.Exp is < 0 or > 253_402_300_799)
        {
            return TokenFailure.Malformed;
        }

        SigningKey? key = _verifyKeys.FirstOrDefault(k => k.Id == payload.Kid);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.Mac(body), signature))
        {
            return TokenFailure.BadSignature;
        }

        claims = new ReviewTokenClaims(payload.Tid, payload.Iid, payload.Rev, DateTimeOffset.FromUnixTimeSeconds(payload.Exp));
        return now >= claims.ExpiresAt ? TokenFailure.Expired : TokenFailure.None;
    }

    sealed class SigningKey
    {
        readonly byte[] _key;

        public SigningKey(byte[] key)
        {
            _key = key;
            Id = Base64Url.EncodeToString(SHA256.HashData(key).AsSpan(0, 8));
        }

        public string Id { get; }

        public byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));
    }
}

internal sealed record Payload(
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("tid")] string Tid,
    [property: JsonPropertyName("iid")] string Iid,
    [property: JsonPropertyName("rev")] string Rev,
    [property: JsonPropertyName("exp")] long Exp);

[JsonSerializable(typeof(Payload))]
internal sealed partial class PayloadContext : JsonSerializerContext;
