namespace CoSell.Workflow.Http;

/// <summary>Local/dev credentials (section "PartnerAuth"): one API key per partner and an operator key.</summary>
public sealed class PartnerAuthOptions
{
    public const string Section = "PartnerAuth";

    /// <summary>partnerId → API key, sent as <c>X-Partner-Key</c>.</summary>
    public Dictionary<string, string> Partners { get; } = new(StringComparer.Ordinal);

    /// <summary>Operator key, sent as <c>X-Admin-Key</c>; admin routes are closed when unset.</summary>
    public string? AdminKey { get; set; }
}
