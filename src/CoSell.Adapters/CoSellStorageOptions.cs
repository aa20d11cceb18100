namespace CoSell.Adapters;

/// <summary>Section <c>CoSellStorage</c>: a connection string (local, Azurite) or service URIs with managed identity (Azure).</summary>
public sealed class CoSellStorageOptions
{
    public const string Section = "CoSellStorage";

    /// <summary>Local: <c>UseDevelopmentStorage=true</c> or an Azurite connection string. Takes precedence over the URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure: table endpoint, used with the managed identity (no keys).</summary>
    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; null picks the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name (letters and digits only) so tests and benchmarks can isolate themselves.</summary>
    public string TablePrefix { get; set; } = "";

    internal bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    internal bool IsValid(out string? error)
    {
        error = null;
        if (!UsesConnectionString && (TableServiceUri is null || BlobServiceUri is null))
        {
            error = "Set CoSellStorage:ConnectionString, or both CoSellStorage:TableServiceUri and CoSellStorage:BlobServiceUri.";
        }
        else if (!UsesConnectionString && (!TableServiceUri!.IsAbsoluteUri || !BlobServiceUri!.IsAbsoluteUri))
        {
            error = "CoSellStorage service URIs must be absolute.";
        }
        else if (TablePrefix.Any(c => !char.IsAsciiLetterOrDigit(c)) || (TablePrefix.Length > 0 && !char.IsAsciiLetter(TablePrefix[0])))
        {
            error = "CoSellStorage:TablePrefix must start with a letter and contain only letters and digits.";
        }

        return error is null;
    }
}
