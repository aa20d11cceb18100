namespace CoSell.Domain;

/// <summary>Partner, offer and organisation ids: 3 to 50 characters of lower-case letters, digits and hyphens.</summary>
public static class Ids
{
    public const int MinLength = 3;

    public const int MaxLength = 50;

    /// <summary>True when <paramref name="id"/> is 3..50 characters of <c>[a-z0-9-]</c>.</summary>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length < MinLength || id.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
