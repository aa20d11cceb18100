namespace CoSell.Domain;

/// <summary>A deliberately plain e-mail syntax check (no display names, no quoted local parts, no IP literals).</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;

    private const string LocalSpecials = ".!#$%&'*+/=?^_`{|}~-";

    /// <summary>
    /// True for <c>local@domain.tld</c>: a local part of 1..64 letters, digits or <c>.!#$%&amp;'*+/=?^_`{|}~-</c>
    /// (no leading, trailing or double dot), a domain of at least two dot-separated labels of letters, digits and
    /// inner hyphens, and a top-level label of at least two letters; 254 characters at most.
    /// </summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }

        int at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@'))
        {
            return false;
        }

        return IsValidLocalPart(address[..at]) && IsValidDomain(address[(at + 1)..]);
    }

    private static bool IsValidLocalPart(string local)
    {
        if (local.Length > MaxLocalLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c, StringComparison.Ordinal));
    }

    private static bool IsValidDomain(string domain)
    {
        string[] labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (string label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        string top = labels[^1];
        return top.Length >= 2 && top.All(char.IsAsciiLetter);
    }
}
