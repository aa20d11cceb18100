using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Features;

namespace CoSell.Benchmarks.Infrastructure;

/// <summary>
/// A loopback HTTP proxy in front of Azurite's blob, queue and table endpoints that counts every request it forwards.
/// Everything the host sends to storage (our adapters and the Durable provider alike) goes through it, so the count
/// needs no hook in either. Requests are grouped by service, method and resource kind (table, queue or container,
/// with the task hub and table prefix names replaced by placeholders).
/// </summary>
public sealed class CountingStorageProxy : IAsyncDisposable
{
    static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Proxy-Connection", "TE", "Upgrade",
    };

    readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    readonly WebApplication app;
    readonly HttpClient http;
    readonly List<(string From, string To)> renames = [];

    CountingStorageProxy(WebApplication app, HttpClient http, StorageEndpoints front)
    {
        this.app = app;
        this.http = http;
        Front = front;
    }

    /// <summary>The ports the host should use instead of Azurite's.</summary>
    public StorageEndpoints Front { get; }

    /// <summary>Starts the proxy on three free loopback ports, forwarding to <paramref name="target"/>.</summary>
    public static async Task<CountingStorageProxy> StartAsync(StorageEndpoints target, CancellationToken cancellationToken = default)
    {
        StorageEndpoints front = new(FreePort(), FreePort(), FreePort());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, front.BlobPort);
            kestrel.Listen(IPAddress.Loopback, front.QueuePort);
            kestrel.Listen(IPAddress.Loopback, front.TablePort);
        });
        WebApplication app = builder.Build();
        HttpClient http = new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        CountingStorageProxy proxy = new(app, http, front);
        app.Run(context => proxy.ForwardAsync(context, target));
        await app.StartAsync(cancellationToken);
        return proxy;
    }

    /// <summary>Replaces <paramref name="from"/> (case-insensitive) by <paramref name="to"/> in resource names when grouping.</summary>
    public void Rename(string from, string to) => renames.Add((from.ToLowerInvariant(), to));

    long forbidden;

    /// <summary>Requests Azurite refused as badly signed (403): the proxy altered a signed part. A correct run has none.</summary>
    public long Forbidden => Interlocked.Read(ref forbidden);

    /// <summary>Total requests forwarded so far.</summary>
    public long Total => counts.Values.Sum();

    /// <summary>
    /// Waits at least <paramref name="minimum"/>, then until a whole second passes with no more requests than idle
    /// polling makes (plus a small allowance), at most <paramref name="maximum"/>: the work a run started has drained,
    /// so a snapshot taken now counts all of it.
    /// </summary>
    public async Task WaitUntilQuietAsync(double idlePerSecond, TimeSpan minimum, TimeSpan maximum, CancellationToken cancellationToken)
    {
        await Task.Delay(minimum, cancellationToken);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < maximum)
        {
            long before = Total;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            if (Total - before <= idlePerSecond + 3)
            {
                return;
            }
        }
    }

    /// <summary>A copy of the counts so far, by "service method resource".</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }

    async Task ForwardAsync(HttpContext context, StorageEndpoints target)
    {
        HttpRequest request = context.Request;
        int localPort = context.Connection.LocalPort;
        (string service, int port) = localPort == Front.BlobPort ? ("blob", target.BlobPort)
            : localPort == Front.QueuePort ? ("queue", target.QueuePort)
            : ("table", target.TablePort);
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        counts.AddOrUpdate($"{service} {request.Method} {Classify(service, rawTarget)}", 1, (_, n) => n + 1);

        using HttpRequestMessage forward = new(new HttpMethod(request.Method), new Uri($"http://127.0.0.1:{port}{rawTarget}"));
        // Content headers are signed (Shared Key), so a body-less PUT keeps its Content-Type and Content-Length: 0.
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0 || request.Headers.ContentType.Count > 0)
        {
            forward.Content = request.ContentLength == 0 ? new ByteArrayContent([]) : new StreamContent(request.Body);
        }

        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                forward.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        using HttpResponseMessage response = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            // A 403 here means the proxy changed what the client signed; it must never happen (the runs report it).
            Interlocked.Increment(ref forbidden);
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>"/devstoreaccount1/CoSellHubInstances(PartitionKey='x',RowKey='')?$select=..." becomes "{hub}Instances".</summary>
    string Classify(string service, string rawTarget)
    {
        string path = rawTarget.Split('?', 2)[0];
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return rawTarget.Contains("comp=list", StringComparison.Ordinal) ? "(list)" : "(account)";
        }

        string resource = Uri.UnescapeDataString(segments[1]);
        int paren = resource.IndexOf('(', StringComparison.Ordinal);
        string name = (paren >= 0 ? resource[..paren] : resource).ToLowerInvariant();
        foreach ((string from, string to) in renames)
        {
            name = name.Replace(from, to, StringComparison.Ordinal);
        }

        return service switch
        {
            "table" => paren >= 0 ? name + "(entity)" : name,
            "queue" => segments.Length > 2 ? name + "/" + segments[2] : name,
            _ => segments.Length > 2 ? name + "/blob" : name,
        };
    }

    static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Loopback ports of an Azurite (or of the proxy in front of it).</summary>
public sealed record StorageEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Reads the ports back from an Azurite connection string (as COSELL_TEST_STORAGE holds it).</summary>
    public static StorageEndpoints Parse(string connectionString)
    {
        Dictionary<string, string> parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return new(new Uri(parts["BlobEndpoint"]).Port, new Uri(parts["QueueEndpoint"]).Port, new Uri(parts["TableEndpoint"]).Port);
    }
}
