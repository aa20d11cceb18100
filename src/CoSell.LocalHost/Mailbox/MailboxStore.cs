using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost.Mailbox;

/// <summary>
/// The captured mails, in memory and (when <see cref="MailboxOptions.FilePath"/> is set) appended to a
/// JSON-lines file that is read back at start, so restarting the local host keeps the mailbox.
/// </summary>
public sealed class MailboxStore
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly Lock gate = new();
    readonly List<CapturedMail> mails = [];
    readonly string? filePath;
    readonly int maxMessages;

    public MailboxStore(IOptions<MailboxOptions> options)
    {
        filePath = string.IsNullOrWhiteSpace(options.Value.FilePath) ? null : Path.GetFullPath(options.Value.FilePath);
        maxMessages = Math.Max(1, options.Value.MaxMessages);
        if (filePath is not null && File.Exists(filePath))
        {
            foreach (string line in File.ReadLines(filePath))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    if (JsonSerializer.Deserialize<CapturedMail>(line, Json) is { } mail)
                    {
                        mails.Add(mail);
                    }
                }
                catch (JsonException)
                {
                    // A torn last line after a crash: skip it, keep the rest.
                }
            }

            Trim();
        }
    }

    public void Add(CapturedMail mail)
    {
        lock (gate)
        {
            mails.Add(mail);
            Trim();
            if (filePath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
                File.AppendAllText(filePath, JsonSerializer.Serialize(mail, Json) + "\n");
            }
        }
    }

    /// <summary>Every kept mail, newest first.</summary>
    public IReadOnlyList<CapturedMail> List()
    {
        lock (gate)
        {
            return [.. mails.AsEnumerable().Reverse()];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            mails.Clear();
            if (filePath is not null && File.Exists(filePath))
            {
                File.WriteAllText(filePath, string.Empty);
            }
        }
    }

    void Trim()
    {
        if (mails.Count > maxMessages)
        {
            mails.RemoveRange(0, mails.Count - maxMessages);
        }
    }
}

/// <summary>The fault switch: the next N sends are answered with a chosen status instead of 202.</summary>
public sealed class MailboxFaults
{
    readonly Lock gate = new();
    int status;
    int remaining;

    public MailboxFaults(IOptions<MailboxOptions> options) => Set(options.Value.FaultStatus, options.Value.FaultCount);

    public int Remaining
    {
        get
        {
            lock (gate)
            {
                return remaining;
            }
        }
    }

    public void Set(int faultStatus, int count)
    {
        lock (gate)
        {
            status = faultStatus;
            remaining = Math.Max(0, count);
        }
    }

    /// <summary>Takes one pending fault, if any.</summary>
    public bool TryTake(out int faultStatus)
    {
        lock (gate)
        {
            faultStatus = status;
            if (remaining == 0)
            {
                return false;
            }

            remaining--;
            return true;
        }
    }

    /// <summary>Only throttling and server errors make sense to inject: those are what a retrying sender must survive.</summary>
    public static bool IsInjectable(int faultStatus) => faultStatus is 429 or (>= 500 and <= 599);
}
