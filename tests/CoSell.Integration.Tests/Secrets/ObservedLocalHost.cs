using CoSell.EndToEnd.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;

namespace CoSell.Integration.Tests.Secrets;

/// <summary>The local host with every log line it writes captured, and an API client that keeps every answer it gets.</summary>
internal sealed class ObservedLocalHost : IAsyncDisposable
{
    readonly CapturingLoggerProvider _logs;
    readonly RecordingHandler _responses;
    readonly HttpClient _http;

    ObservedLocalHost(LocalHostUnderTest host, CapturingLoggerProvider logs, RecordingHandler responses)
    {
        Host = host;
        _logs = logs;
        _responses = responses;
        _http = new HttpClient(responses) { BaseAddress = new Uri(host.SiteAddress) };
        Api = new CoSellApi(_http);
    }

    public LocalHostUnderTest Host { get; }

    public CoSellApi Api { get; }

    public HttpClient Http => _http;

    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    public IReadOnlyCollection<string> Responses => _responses.Responses;

    /// <summary>Starts the host (see <see cref="LocalHostUnderTest.StartAsync(string, IReadOnlyDictionary{string, string?}?, Action{IServiceCollection}?)"/>) with the log capture added last.</summary>
    public static async Task<ObservedLocalHost> StartAsync(string hubHint, IReadOnlyDictionary<string, string?> settings)
    {
        var logs = new CapturingLoggerProvider();
        LocalHostUnderTest host = await LocalHostUnderTest.StartAsync(hubHint, settings, services => services.AddSingleton<ILoggerProvider>(logs));
        return new ObservedLocalHost(host, logs, new RecordingHandler());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
        _logs.Dispose();
    }
}
