using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CoSell.Adapters.Signing;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Signing;

public sealed class HmacReviewLinkSignerTests
{
    static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    static readonly DateTimeOffset Now = new(2026, 8, 1, 9, 0, 0, TimeSpan.Zero);
    static readonly ReviewTokenClaims Claims = new("tok-1", "cosell-p1.o1-3", "reviewer@microsoft.example", Now.AddDays(14));

    static HmacReviewLinkSigner Signer(string key, params string[] previous)
    {
        var options = new ApprovalOptions { SigningKey = key };
        foreach (string p in previous)
        {
            options.PreviousSigningKeys.Add(p);
        }

        return new HmacReviewLinkSigner(Options.Create(options));
    }

    [Fact]
    public void Verify_FreshToken_ReturnsTheSignedClaims()
    {
        string token = Signer(KeyA).Sign(Claims);

        TokenFailure result = Signer(KeyA).Verify(token, Now, out ReviewTokenClaims? claims);

        Assert.Equal(TokenFailure.None, result);
        Assert.Equal(Claims, claims);
        Assert.DoesNotContain('=', token);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Fact]
    public void Verify_ExpiryWithMilliseconds_IsKeptToTheSecond()
    {
        ReviewTokenClaims precise = Claims with { ExpiresAt = Claims.ExpiresAt.AddMilliseconds(999) };

        Signer(KeyA).Verify(Signer(KeyA).Sign(precise), Now, out ReviewTokenClaims? claims);

        Assert.Equal(Claims.ExpiresAt, claims!.ExpiresAt);
    }

    [Fact]
    public void Verify_ClaimsChangedAfterSigning_IsBadSignature()
    {
        string token = Signer(KeyA).Sign(Claims);
        string signature = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        string json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))));
        string forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("reviewer@microsoft.example", "partner@contoso.example", StringComparison.Ordinal)));

        TokenFailure result = Signer(KeyA).Verify(forged + "." + signature, Now, out ReviewTokenClaims? claims);

        Assert.Equal(TokenFailure.BadSignature, result);
        Assert.Null(claims);
    }

    [Fact]
    public void Verify_SignatureChanged_IsBadSignature()
    {
        string token = Signer(KeyA).Sign(Claims);
        char last = token[^2];
        string tampered = token[..^2] + (last == 'A' ? 'B' : 'A') + token[^1];

        Assert.Equal(TokenFailure.BadSignature, Signer(KeyA).Verify(tampered, Now, out _));
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsBadSignature()
    {
        string token = Signer(KeyB).Sign(Claims);

        Assert.Equal(TokenFailure.BadSignature, Signer(KeyA).Verify(token, Now, out _));
    }

    [Fact]
    public void Verify_AtAndAfterExpiry_IsExpiredWithClaims()
    {
        string token = Signer(KeyA).Sign(Claims);

        Assert.Equal(TokenFailure.None, Signer(KeyA).Verify(token, Claims.ExpiresAt.AddSeconds(-1), out _));
        Assert.Equal(TokenFailure.Expired, Signer(KeyA).Verify(token, Claims.ExpiresAt, out ReviewTokenClaims? claims));
        Assert.Equal(Claims.TokenId, claims!.TokenId);
        Assert.Equal(TokenFailure.Expired, Signer(KeyA).Verify(token, Claims.ExpiresAt.AddDays(30), out _));
    }

    [Fact]
    public void Verify_SignedWithPreviousKeyAfterRotation_IsAccepted()
    {
        string issuedBeforeRotation = Signer(KeyA).Sign(Claims);
        HmacReviewLinkSigner rotated = Signer(KeyB, KeyA);

        TokenFailure result = rotated.Verify(issuedBeforeRotation, Now, out ReviewTokenClaims? claims);
        string issuedAfterRotation = rotated.Sign(Claims);

        Assert.Equal(TokenFailure.None, result);
        Assert.Equal(Claims, claims);
        Assert.Equal(TokenFailure.None, Signer(KeyB).Verify(issuedAfterRotation, Now, out _));
        Assert.Equal(TokenFailure.BadSignature, Signer(KeyA).Verify(issuedAfterRotation, Now, out _));
    }

    [Fact]
    public void Verify_PreviousKeyRetired_IsBadSignature()
    {
        string token = Signer(KeyA).Sign(Claims);

        Assert.Equal(TokenFailure.BadSignature, Signer(KeyB).Verify(token, Now, out _));
    }

    public static TheoryData<string> Garbage => new()
    {
        "",
        "not-a-token",
        "a.b.c",
        "!!!.###",
        "eyJ9.",
        ".c2ln",
        "bm90IGpzb24.c2ln",
        "e30.c2ln",
        Base64Url.EncodeToString("{\"kid\":\"x\",\"tid\":\"t\",\"iid\":\"i\",\"rev\":\"r\",\"exp\":\"soon\"}"u8) + ".c2ln",
        new string('a', 5000) + ".c2ln",
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Verify_Garbage_IsMalformed(string token)
    {
        TokenFailure result = Signer(KeyA).Verify(token, Now, out ReviewTokenClaims? claims);

        Assert.Equal(TokenFailure.Malformed, result);
        Assert.Null(claims);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short-utf8-key-of-31-bytes-xxxx")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGx4=")]
    public void Constructor_KeyShorterThan32Bytes_Throws(string key)
    {
        Assert.Throws<OptionsValidationException>(() => Signer(key));
    }

    [Fact]
    public void Constructor_Utf8KeyOf32Bytes_SignsAndVerifies()
    {
        HmacReviewLinkSigner signer = Signer("a passphrase of exactly 32 bytes");

        Assert.Equal(TokenFailure.None, signer.Verify(signer.Sign(Claims), Now, out _));
    }

    [Fact]
    public void Constructor_ShortPreviousKey_Throws()
    {
        Assert.Throws<OptionsValidationException>(() => Signer(KeyA, "too-short"));
    }
}
