using System.Globalization;

namespace CoSell.Workflow.Ports;

/// <summary>An ETag did not match: someone else changed the row first (HTTP 412).</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string message) : base(message) { }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The row to create already exists (HTTP 409).</summary>
public sealed class AlreadyExistsException : Exception
{
    public AlreadyExistsException() { }

    public AlreadyExistsException(string message) : base(message) { }

    public AlreadyExistsException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>An uploaded document is larger than the configured limit (HTTP 413). Nothing was stored.</summary>
public sealed class CollateralTooLargeException : Exception
{
    public CollateralTooLargeException() { }

    public CollateralTooLargeException(string message) : base(message) { }

    public CollateralTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    public CollateralTooLargeException(string fileName, long maxBytes)
        : this(fileName, maxBytes, null)
    {
    }

    public CollateralTooLargeException(string fileName, long maxBytes, Exception? innerException)
        : base($"'{fileName}' is larger than the {FormatBytes(maxBytes)} limit for co-sell documents; upload a smaller file.", innerException)
    {
        FileName = fileName;
        MaxBytes = maxBytes;
    }

    /// <summary>The rejected file name, when known.</summary>
    public string? FileName { get; }

    /// <summary>The limit that was exceeded, in bytes (0 when unknown).</summary>
    public long MaxBytes { get; }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
