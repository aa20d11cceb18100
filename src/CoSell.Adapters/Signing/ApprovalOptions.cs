using System.Buffers.Text;
using System.Text;

namespace CoSell.Adapters.Signing;

/// <summary>Section <c>Approval</c>: the review-link signing key (a secret) and how long links live.</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approval";

    /// <summary>Minimum key length after decoding.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>Base64 of at least 32 random bytes (preferred), or a non-base64 UTF-8 string of at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Keys that were current before a rotation: accepted when verifying, never used to sign.</summary>
    public IList<string> PreviousSigningKeys { get; } = [];

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The key bytes: text that is valid base64 is decoded (a short base64 key is refused, not reinterpreted as
    /// text); any other text is taken as UTF-8. Null when the key is shorter than <see cref="MinKeyBytes"/>.
    /// </summary>
    public static byte[]? DecodeKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (Base64.IsValid(key, out int decodedLength))
        {
            return decodedLength >= MinKeyBytes ? Convert.FromBase64String(key) : null;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(key);
        return utf8.Length >= MinKeyBytes ? utf8 : null;
    }

    /// <summary>Problems with the options, empty when valid. Messages never contain a key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DecodeKey(SigningKey) is null)
        {
            errors.Add($"Approval:SigningKey is required: base64 of at least {MinKeyBytes} bytes, or at least {MinKeyBytes} UTF-8 bytes.");
        }

        for (int i = 0; i < PreviousSigningKeys.Count; i++)
        {
            if (DecodeKey(PreviousSigningKeys[i]) is null)
            {
                errors.Add($"Approval:PreviousSigningKeys:{i} is shorter than {MinKeyBytes} bytes.");
            }
        }

        if (LinkLifetime <= TimeSpan.Zero)
        {
            errors.Add("Approval:LinkLifetime must be positive.");
        }

        return errors;
    }
}
