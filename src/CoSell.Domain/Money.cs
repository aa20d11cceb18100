using System.Globalization;

namespace CoSell.Domain;

/// <summary>How money reads in reasons and e-mails.</summary>
public static class Money
{
    /// <summary>"99,999.99 USD": two decimals, comma thousands separator, invariant culture.</summary>
    public static string Usd(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture) + " USD";

    /// <summary>A 0..1 share as a percentage without trailing zeros: 0.75 → "75 %", 0.5000001 → "50.00001 %".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##########", CultureInfo.InvariantCulture) + " %";
}
