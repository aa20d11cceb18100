using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Column helpers shared by the table adapters: long strings split over several columns, key checks, status codes.
/// </summary>
/// <remarks>
/// A string property holds at most 64 KiB (UTF-16, i.e. 32 Ki chars) and an entity at most 1 MiB and 255 properties.
/// A long value is written as <c>Name</c> (first part), <c>Name_1</c> .. <c>Name_{n-1}</c>, and <c>Name_Parts = n</c>
/// when it needs more than one part.
/// </remarks>
public static class TableColumns
{
    /// <summary>Characters per string column part (60,000 bytes in UTF-16, under the 64 KiB limit).</summary>
    public const int MaxCharsPerColumn = 30_000;

    /// <summary>Stay under the service's 1 MiB entity limit with room for keys, timestamps and property names.</summary>
    public const int MaxEntityBytes = 1_000_000;

    /// <summary>The most operations one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Stay under the service's 4 MiB transaction payload with room for the batch framing.</summary>
    public const long MaxTransactionBytes = 3_500_000;

    /// <summary>The most rows one query page returns.</summary>
    public const int MaxQueryPageSize = 1000;

    public static void SetLongString(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length <= MaxCharsPerColumn)
        {
            entity[name] = value;
            return;
        }

        int parts = (value.Length + MaxCharsPerColumn - 1) / MaxCharsPerColumn;
        for (int i = 0; i < parts; i++)
        {
            int start = i * MaxCharsPerColumn;
            string part = value.Substring(start, Math.Min(MaxCharsPerColumn, value.Length - start));
            entity[i == 0 ? name : PartName(name, i)] = part;
        }

        entity[name + "_Parts"] = parts;
    }

    public static void SetIfNotNull(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    public static string? GetLongString(TableEntity entity, string name)
    {
        string? first = entity.GetString(name);
        int parts = entity.GetInt32(name + "_Parts") ?? 1;
        if (first is null || parts <= 1)
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first, parts * MaxCharsPerColumn);
        for (int i = 1; i < parts; i++)
        {
            builder.Append(entity.GetString(PartName(name, i))
                ?? throw new InvalidDataException($"Column {PartName(name, i)} is missing from {entity.PartitionKey}/{entity.RowKey}."));
        }

        return builder.ToString();
    }

    /// <summary>Throws a clear error when the entity would exceed the service's size limits.</summary>
    public static void EnsureFits(TableEntity entity, string what)
    {
        long bytes = SizeOf(entity);
        if (bytes > MaxEntityBytes || entity.Count > 250)
        {
            throw new InvalidOperationException(
                $"{what} is too large for Table Storage ({bytes.ToString(CultureInfo.InvariantCulture)} bytes in {entity.Count.ToString(CultureInfo.InvariantCulture)} properties; the limit is 1 MiB and 252 properties).");
        }
    }

    /// <summary>The entity's size as the service counts it (keys and strings in UTF-16, 8 bytes per other value), roughly.</summary>
    public static long SizeOf(TableEntity entity)
    {
        long bytes = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (KeyValuePair<string, object> property in entity)
        {
            bytes += 8 + (property.Key.Length * 2L) + property.Value switch
            {
                string s => 4 + (s.Length * 2L),
                byte[] b => 4 + b.Length,
                _ => 8,
            };
        }

        return bytes;
    }

    /// <summary>
    /// Cuts <paramref name="items"/>, in order, into groups that fit one entity-group transaction: at most
    /// <see cref="MaxTransactionActions"/> items and <see cref="MaxTransactionBytes"/> by <paramref name="bytesOf"/>
    /// (an item larger than that on its own gets a group of its own). Lazy, so each group can be submitted before the
    /// next is built; every group is a new list.
    /// </summary>
    public static IEnumerable<List<T>> TransactionChunks<T>(IEnumerable<T> items, Func<T, long> bytesOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(bytesOf);
        var chunk = new List<T>(MaxTransactionActions);
        long chunkBytes = 0;
        foreach (T item in items)
        {
            long bytes = bytesOf(item);
            if (chunk.Count == MaxTransactionActions || (chunk.Count > 0 && chunkBytes + bytes > MaxTransactionBytes))
            {
                yield return chunk;
                chunk = new List<T>(MaxTransactionActions);
                chunkBytes = 0;
            }

            chunk.Add(item);
            chunkBytes += bytes;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>Rejects values that are not legal in a PartitionKey or RowKey.</summary>
    public static string Key(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.Length > 512 || value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{value}' is not a valid table key: at most 512 characters, no '/', '\\', '#', '?' or control characters.", name);
        }

        return value;
    }

    public static bool IsConflict(RequestFailedException ex) => ex.Status == 409;

    public static bool IsPreconditionFailed(RequestFailedException ex) => ex.Status == 412;

    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;

    public static string? ETagOf(Response response) => response.Headers.ETag?.ToString();

    static string PartName(string name, int index) => name + "_" + index.ToString(CultureInfo.InvariantCulture);
}
