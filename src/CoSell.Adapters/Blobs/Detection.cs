using System.Globalization;

namespace CoSell.Adapters.Blobs;

/// <summary>What a format detector found: a format with its label and page count, or a failure reason for the partner.</summary>
internal sealed record Detection(CollateralFormat Format, string Label, int? Pages, string PageUnit)
{
    public string? Failure { get; private init; }

    public static Detection Failed(string reason) => new(default, string.Empty, null, string.Empty) { Failure = reason };
}

/// <summary>Wording shared by the inspector and the format detectors.</summary>
internal static class CollateralMessages
{
    internal static Detection NotAllowed(string fileName, string found)
        => Detection.Failed($"'{fileName}' is not an allowed document type (found: {found}); allowed: {CollateralFormats.AllowedList}.");

    internal static string DamagedImage(string fileName, string format)
        => $"'{fileName}' could not be read as a {format} image (it is damaged or incomplete); export it again and upload the new file.";

    internal static string Article(string label)
        => "AEIOU".Contains(label[0], StringComparison.Ordinal) || label.StartsWith("MP4", StringComparison.Ordinal) ? "an" : "a";

    internal static string Count(int n, string unit) => n == 1 ? $"1 {unit.TrimEnd('s')}" : $"{n} {unit}";

    internal static string Mib(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
