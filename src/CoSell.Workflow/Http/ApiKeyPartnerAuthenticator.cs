using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Http;

/// <summary>
/// Keys from configuration (<see cref="PartnerAuthOptions"/>): <c>X-Partner-Key</c> for partner routes,
/// <c>X-Admin-Key</c> for admin routes. Every configured key is compared, each in constant time.
/// </summary>
public sealed class ApiKeyPartnerAuthenticator : IPartnerAuthenticator
{
    public const string PartnerKeyHeader = "X-Partner-Key";
    public const string AdminKeyHeader = "X-Admin-Key";

    private readonly IOptionsMonitor<PartnerAuthOptions> _options;

    public ApiKeyPartnerAuthenticator(IOptionsMonitor<PartnerAuthOptions> options) => _options = options;

    public ValueTask<string?> AuthenticatePartnerAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        string? presented = SingleHeader(request, PartnerKeyHeader);
        if (presented is null)
        {
            return ValueTask.FromResult<string?>(null);
        }

        string? match = null;
        foreach ((string partnerId, string key) in _options.CurrentValue.Partners)
        {
            // Compare against every key (no early exit) so timing does not reveal which partner is close.
            if (KeysEqual(presented, key) && match is null)
            {
                match = partnerId;
            }
        }

        return ValueTask.FromResult(match);
    }

    public ValueTask<bool> IsAdminAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        string? presented = SingleHeader(request, AdminKeyHeader);
        string? adminKey = _options.CurrentValue.AdminKey;
        return ValueTask.FromResult(presented is not null && !string.IsNullOrEmpty(adminKey) && KeysEqual(presented, adminKey));
    }

    private static string? SingleHeader(HttpRequest request, string name)
    {
        Microsoft.Extensions.Primitives.StringValues values = request.Headers[name];
        return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }

    /// <summary>Hashing first gives equal-length inputs, so the comparison time does not depend on the key length either.</summary>
    private static bool KeysEqual(string presented, string expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        byte[] a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        byte[] b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
